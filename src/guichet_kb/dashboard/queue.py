"""The queue panel: tickets taken, served and missed, the no-show rate and the median
waiting and service times, by service and by hour of the day (issue 19).

From the aggregates' measure "queue" (stats/cubes.py, queues/figures.py): the tickets of
the period's days, whatever their status, the hour being the one the ticket was taken.
Served: done at a counter; missed: called and not there (a ticket that rejoined and was
served counts as served). The no-show rate is the missed among the tickets served or
missed; the waiting time runs from taking the ticket to its first call, the service time
from that call to done, both medians in whole minutes. Only the desk and service filters
apply (the channel and organisation filters are those of the interaction log). Counts
only: no ticket code, no contact, no agent.
"""

from collections import Counter
from guichet_kb import _
from guichet_kb.dashboard import labels
from guichet_kb.dashboard.shape import chart
from guichet_kb.dashboard.shape import panel
from guichet_kb.dashboard.shape import request
from guichet_kb.dashboard.traffic import hour_label
from guichet_kb.dashboard.traffic import span
from guichet_kb.dashboard.traffic import TOTAL
from guichet_kb.queues.figures import NONE
from guichet_kb.stats import cubes


MEASURE = "queue"
FILTERS = ("desk", "service")
DIMS = ("desk", "service", "hour", "status", "wait_minutes", "service_minutes")
BY_TITLES = {
    "total": TOTAL,
    "service": _("dashboard_queue_by_service", default="Service"),
    "hour": _("dashboard_queue_by_hour", default="Hour taken"),
}


class Tally:
    """One row's counts: statuses, and the minutes waited and served of its tickets."""

    def __init__(self):
        self.statuses, self.waits, self.services = Counter(), Counter(), Counter()

    def add(self, status, wait, service, count):
        self.statuses[status] += count
        if wait != NONE:
            self.waits[wait] += count
        if service != NONE:
            self.services[service] += count

    def figures(self):
        served, missed = self.statuses["done"], self.statuses["missed"]
        return {
            "taken": sum(self.statuses.values()),
            "served": served,
            "missed": missed,
            "no_show_rate": labels.share(missed, served + missed),
            "median_wait": labels.median(self.waits),
            "median_service": labels.median(self.services),
        }


def queue(scope):
    req = request()
    wanted = {name: value for name, value in scope.filters.items() if name in FILTERS}
    counts = cubes.query(scope.start, scope.end, DIMS, wanted, measure=MEASURE)
    total, by_service, by_hour = Tally(), {}, {}
    for (desk, service, hour, status, wait, served), count in counts.items():
        for tally in (total, by_service.setdefault((desk, service), Tally()), by_hour.setdefault(hour, Tally())):
            tally.add(status, wait, served, count)
    desks = labels.Items({desk for desk, _service in by_service}, req)
    services = labels.Items({service for _desk, service in by_service}, req)
    by = {key: labels.text(title, req) for key, title in BY_TITLES.items()}
    rows = [{"by": by["total"], "line": labels.text(TOTAL, req), **total.figures()}]
    lines = []
    for (desk, service), tally in by_service.items():
        line = f"{desks.title(desk, 'desk')} — {services.title(service, 'service')}"
        lines.append({"by": by["service"], "line": line, **tally.figures(), **services.links(service)})
    lines.sort(key=lambda row: (-row["taken"], row["line"]))
    hours = [{"by": by["hour"], "line": hour_label(hour), **by_hour.get(hour, Tally()).figures()} for hour in span(set(by_hour))]
    columns = [
        ("by", _("dashboard_col_queue_by", default="By")),
        ("line", _("dashboard_col_queue_line", default="Desk — service, or hour")),
        ("taken", _("dashboard_col_taken", default="Tickets taken")),
        ("served", _("dashboard_col_served", default="Served")),
        ("missed", _("dashboard_col_missed", default="Missed (absent when called)")),
        ("no_show_rate", _("dashboard_col_no_show_rate", default="No-show rate (%)")),
        ("median_wait", _("dashboard_col_median_wait", default="Median wait (min)")),
        ("median_service", _("dashboard_col_median_service", default="Median service time (min)")),
    ]
    note = _(
        "dashboard_queue_note",
        default="Tickets of the virtual queue, by the hour they were taken. Wait: from the ticket to its first call; service time: "
        "from that call to done. No-show rate: missed among the tickets served or missed. Only the desk and service filters apply.",
    )
    title = _("dashboard_queue", default="Queue: tickets, waiting and service times")
    return panel("queue", title, columns, rows + lines + hours, chart("bars", "line", "taken", "missed"), note)
