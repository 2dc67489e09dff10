"""The dashboard's period: `?period=<preset>` or `?from=YYYY-MM-DD&to=YYYY-MM-DD`.

`resolve(form, today)` turns the query parameters into the period's days (inclusive,
local days of the portal's zone), the previous period beside it and the unit of the
trend's buckets, or raises `Refused(400)` with a French message. Plain rules on plain
values (no catalog, no site): the filters, which need the catalog, are in filters.py,
and `Scope` carries both to the panels (the contract of panels.py).

- presets (facts.DASHBOARD_PERIODS, the first is the default): last_month (the
  previous calendar month), this_month (its 1st to today), last_7_days and
  last_30_days (ending today), last_12_months (the 12 whole months before this one);
- previous period: the same number of days just before; for whole calendar months
  (last_month, last_12_months, or dates from a 1st to a month's last day), the same
  number of calendar months just before;
- unit: a day up to DASHBOARD_DAY_UNIT_MAX_DAYS days, a week (ISO, Monday) up to
  DASHBOARD_WEEK_UNIT_MAX_DAYS, a month beyond;
- refused: an unknown preset, a preset and dates together, a date missing or not
  YYYY-MM-DD, a start after the end, an end after today, a start before
  DASHBOARD_EARLIEST, longer than DASHBOARD_MAX_DAYS.

An empty parameter counts as absent (the page's GET form sends every field).
"""

import calendar
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import timedelta
from guichet_kb import _
from guichet_kb import facts
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.params import single
from guichet_kb.workflow.review import add_months


EARLIEST = date.fromisoformat(facts.DASHBOARD_EARLIEST)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    previous_start: date
    previous_end: date
    unit: str
    preset: str | None = None

    @property
    def days(self):
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Scope(Period):
    """What a panel is computed for (panels.py): a period, its filters, the portal."""

    filters: dict = field(default_factory=dict)
    portal: object = None


def value(form, name):
    """The parameter's one value, None when absent or empty; given twice -> 400."""
    found = single(form, name)
    return found if found else None


def last_day(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def whole_months(start, end):
    """How many calendar months start..end covers exactly, else 0."""
    if start.day != 1 or end != last_day(end):
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def unit_of(days):
    if days <= facts.DASHBOARD_DAY_UNIT_MAX_DAYS:
        return "day"
    return "week" if days <= facts.DASHBOARD_WEEK_UNIT_MAX_DAYS else "month"


def previous_of(start, end):
    """The previous period of equal length: whole months -> as many months before."""
    months = whole_months(start, end)
    if months:
        return add_months(start, -months), start - timedelta(days=1)
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)


def preset_days(preset, today):
    first = today.replace(day=1)
    if preset == "last_month":
        return add_months(first, -1), first - timedelta(days=1)
    if preset == "this_month":
        return first, today
    if preset == "last_7_days":
        return today - timedelta(days=6), today
    if preset == "last_30_days":
        return today - timedelta(days=29), today
    return add_months(first, -12), first - timedelta(days=1)  # last_12_months


def _date(text):
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        return None


def dates(form):
    """(start, end) of ?from=&to=, or None when neither is given."""
    start_text, end_text = value(form, "from"), value(form, "to")
    if start_text is None and end_text is None:
        return None
    start, end = _date(start_text or ""), _date(end_text or "")
    if start is None or end is None:
        raise Refused(400, _("error_dashboard_dates", default="Give both 'from' and 'to', as dates written YYYY-MM-DD."))
    return start, end


def check(start, end, today):
    if start > end:
        raise Refused(
            400,
            _(
                "error_dashboard_reversed",
                default="The period starts (${start}) after it ends (${end}).",
                mapping={"start": start.isoformat(), "end": end.isoformat()},
            ),
        )
    if end > today:
        raise Refused(400, _("error_dashboard_future", default="The period cannot end after today (${today}).", mapping={"today": today.isoformat()}))
    if start < EARLIEST:
        raise Refused(
            400,
            _(
                "error_dashboard_too_early",
                default="The period cannot start before ${earliest}.",
                mapping={"earliest": EARLIEST.isoformat()},
            ),
        )
    days = (end - start).days + 1
    if days > facts.DASHBOARD_MAX_DAYS:
        raise Refused(
            400,
            _(
                "error_dashboard_too_long",
                default="The period lasts ${days} days: at most ${max}.",
                mapping={"days": days, "max": facts.DASHBOARD_MAX_DAYS},
            ),
        )


def resolve(form, today):
    """The `Period` the parameters ask for (today: the portal's local date)."""
    preset, chosen = value(form, "period"), dates(form)
    if preset is not None and chosen is not None:
        raise Refused(400, _("error_dashboard_both", default="Give either 'period' or the dates 'from' and 'to', not both."))
    if preset is not None and preset not in facts.DASHBOARD_PERIODS:
        raise Refused(
            400,
            _(
                "error_dashboard_period",
                default="'period' must be one of: ${allowed}.",
                mapping={"allowed": ", ".join(facts.DASHBOARD_PERIODS)},
            ),
        )
    if chosen is None:
        preset = preset or facts.DASHBOARD_PERIODS[0]
        start, end = preset_days(preset, today)
    else:
        start, end = chosen
        check(start, end, today)
    previous_start, previous_end = previous_of(start, end)
    return Period(start, end, previous_start, previous_end, unit_of((end - start).days + 1), preset)
