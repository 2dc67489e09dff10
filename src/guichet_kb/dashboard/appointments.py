"""The appointments panel: booked, cancelled, no-show and done by desk and service, the
no-show rate and the median booking lead time (issue 18).

From the aggregates' measure "appointments" (stats/cubes.py, appointments/figures.py):
the bookings whose appointment falls in the period, whatever their status, counted by
the day of the appointment. The no-show rate is the no-shows among the appointments
whose outcome the counters marked (arrived, done or absent); the lead time runs from
the booking to the appointment (cancelled bookings included), its median read from the
hours' counts. Only the desk and service filters apply (the channel and organisation
filters are those of the interaction log). Counts only: nobody is named.
"""

from collections import Counter
from guichet_kb import _
from guichet_kb.dashboard import labels
from guichet_kb.dashboard.shape import chart
from guichet_kb.dashboard.shape import panel
from guichet_kb.dashboard.shape import request
from guichet_kb.dashboard.traffic import TOTAL
from guichet_kb.stats import cubes


MEASURE = "appointments"
FILTERS = ("desk", "service")
DIMS = ("desk", "service", "status", "lead_hours")
MARKED = ("arrived", "done", "no_show")


def median_days(leads):
    """The median of a Counter {lead hours: count}, in days (one decimal); None of nothing."""
    hours = labels.median(leads)
    return round(hours / 24, 1) if hours is not None else None


def no_show_rate(statuses):
    return labels.share(statuses["no_show"], sum(statuses[status] for status in MARKED))


def figures(statuses, leads, previous):
    return {
        "booked": sum(statuses.values()),
        "cancelled": statuses["cancelled"],
        "no_show": statuses["no_show"],
        "done": statuses["done"],
        "no_show_rate": no_show_rate(statuses),
        "median_lead_days": median_days(leads),
        "previous": previous,
    }


def appointments(scope):
    req = request()
    wanted = {name: value for name, value in scope.filters.items() if name in FILTERS}
    now = cubes.query(scope.start, scope.end, DIMS, wanted, measure=MEASURE)
    before = cubes.query(scope.previous_start, scope.previous_end, ("desk", "service"), wanted, measure=MEASURE)
    statuses, leads, all_statuses, all_leads = {}, {}, Counter(), Counter()
    for (desk, service, status, lead), count in now.items():
        statuses.setdefault((desk, service), Counter())[status] += count
        leads.setdefault((desk, service), Counter())[lead] += count
        all_statuses[status] += count
        all_leads[lead] += count
    keys = set(statuses) | set(before)
    desks = labels.Items({desk for desk, _service in keys}, req)
    services = labels.Items({service for _desk, service in keys}, req)
    rows = [{"desk": "", "service": labels.text(TOTAL, req), **figures(all_statuses, all_leads, sum(before.values()))}]
    lines = []
    for key in keys:
        desk, service = key
        row = {"desk": desks.title(desk, "desk"), "service": services.title(service, "service")}
        row.update(figures(statuses.get(key, Counter()), leads.get(key, Counter()), before[key]))
        lines.append({**row, **services.links(service)})
    lines.sort(key=lambda row: (-row["booked"], -row["previous"], row["desk"], row["service"]))
    columns = [
        ("desk", _("dashboard_col_desk", default="Desk")),
        ("service", _("dashboard_col_service", default="Service")),
        ("booked", _("dashboard_col_booked", default="Appointments booked")),
        ("cancelled", _("dashboard_col_cancelled", default="Cancelled")),
        ("no_show", _("dashboard_col_no_show", default="Absent (no-show)")),
        ("done", _("dashboard_col_done", default="Done")),
        ("no_show_rate", _("dashboard_col_no_show_rate", default="No-show rate (%)")),
        ("median_lead_days", _("dashboard_col_median_lead", default="Median lead time (days)")),
        ("previous", _("dashboard_col_previous_booked", default="Booked, previous period")),
    ]
    note = _(
        "dashboard_appointments_note",
        default="By the day of the appointment. No-show rate: absences among the appointments marked arrived, done or absent. "
        "Lead time: from the booking to the appointment.",
    )
    if set(scope.filters) - set(FILTERS):
        note = _(
            "dashboard_appointments_note_filters",
            default="By the day of the appointment; only the desk and service filters apply. No-show rate: absences among the "
            "appointments marked arrived, done or absent. Lead time: from the booking to the appointment.",
        )
    title = _("dashboard_appointments", default="Appointments: booked, cancelled, absent, done")
    return panel("appointments", title, columns, rows + lines, chart("bars", "service", "booked", "no_show"), note)
