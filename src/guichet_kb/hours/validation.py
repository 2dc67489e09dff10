"""Rules an opening-hours table must satisfy, declared once for forms and REST."""

from datetime import date
from datetime import time
from guichet_kb.facts import WEEKDAYS
import re


MAX_RANGES_PER_DAY = 2
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class HoursError(ValueError):
    """A readable problem with an hours table.

    ``msgid`` and ``mapping`` let the Zope side translate the message; ``str()``
    gives the English default for callers without i18n.
    """

    def __init__(self, msgid, default, **mapping):
        self.msgid = msgid
        self.default = default
        self.mapping = mapping
        super().__init__(default.format(**mapping) if mapping else default)


def parse_time(value):
    """'08:30' -> time(8, 30); anything else raises HoursError."""
    if isinstance(value, time):
        return value
    match = _TIME_RE.match(value or "")
    if not match:
        raise HoursError(
            "error_time_format",
            "Invalid time '{value}': use HH:MM (24 h), e.g. 08:30.",
            value=value or "",
        )
    return time(int(match.group(1)), int(match.group(2)))


def parse_date(value):
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value or "")
    except (TypeError, ValueError):
        raise HoursError(
            "error_date_format",
            "Invalid date '{value}': use YYYY-MM-DD.",
            value=value or "",
        ) from None


def _check_ranges(ranges, where):
    """ranges: list of (opens, closes) time pairs for one day."""
    if len(ranges) > MAX_RANGES_PER_DAY:
        raise HoursError(
            "error_too_many_ranges",
            "{where}: at most two opening ranges a day.",
            where=where,
        )
    for opens, closes in ranges:
        if closes <= opens:
            raise HoursError(
                "error_closes_before_opens",
                "{where}: closing time {closes} must be after opening time {opens}.",
                where=where,
                opens=opens.strftime("%H:%M"),
                closes=closes.strftime("%H:%M"),
            )
    ordered = sorted(ranges)
    for (o1, c1), (o2, c2) in zip(ordered, ordered[1:], strict=False):
        if o2 < c1:
            raise HoursError(
                "error_overlapping_ranges",
                "{where}: the ranges {a} and {b} overlap.",
                where=where,
                a=f"{o1:%H:%M}-{c1:%H:%M}",
                b=f"{o2:%H:%M}-{c2:%H:%M}",
            )


def check_weekly(rows):
    """Validate weekly rows; return {weekday: [(opens, closes), ...]} sorted."""
    by_day = {}
    for row in rows or ():
        day = row.get("day")
        if day not in WEEKDAYS:
            raise HoursError(
                "error_unknown_weekday",
                "Unknown weekday '{day}'.",
                day=str(day),
            )
        pair = (parse_time(row.get("opens")), parse_time(row.get("closes")))
        by_day.setdefault(day, []).append(pair)
    for day, ranges in by_day.items():
        _check_ranges(ranges, day)
        ranges.sort()
    return by_day


def check_exceptions(rows):
    """Validate exception rows; return a list of dicts with parsed values."""
    parsed = []
    for row in rows or ():
        start = parse_date(row.get("start"))
        end = parse_date(row.get("end")) if row.get("end") else start
        if end < start:
            raise HoursError(
                "error_end_before_start",
                "Exception '{label}': end date {end} is before start date {start}.",
                label=row.get("label") or "",
                start=start.isoformat(),
                end=end.isoformat(),
            )
        closed = bool(row.get("closed"))
        ranges = []
        if row.get("opens") or row.get("closes"):
            if closed:
                raise HoursError(
                    "error_closed_with_hours",
                    "Exception '{label}': a closed day cannot have opening hours.",
                    label=row.get("label") or "",
                )
            ranges.append((parse_time(row.get("opens")), parse_time(row.get("closes"))))
        elif not closed:
            raise HoursError(
                "error_exception_needs_hours",
                "Exception '{label}': give opening hours or mark it closed.",
                label=row.get("label") or "",
            )
        parsed.append({"start": start, "end": end, "label": row.get("label") or "", "closed": closed, "ranges": ranges})
    # Rows covering the same dates add up (two ranges on a special day).
    groups = {}
    for item in parsed:
        groups.setdefault((item["start"], item["end"]), []).extend(item["ranges"])
    for (start, end), ranges in groups.items():
        _check_ranges(ranges, start.isoformat() if start == end else f"{start}/{end}")
    return parsed
