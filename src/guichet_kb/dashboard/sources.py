"""What the content-gaps panel and the monthly summary read from the other parts, in one place.

Four sources belong to other sub-packages: the interaction aggregates
(stats/cubes.py: `cubes.query`), the search logs (search logs: `logs.gaps`), the
triage of citizens' feedback and agents' reports (triage/: `triage.summary`) and
the dashboard's period (dashboard/period.py: `Scope`). The panels call only these
functions, so a source's shape changes here and nowhere else.

Until the triage part is merged, the "useful?" answers are read from the aggregates
(cubes, measure "feedback") and agents' reports from their store
(interactions/store.py), counted by day here; until the search logs are, there are
no search gaps to show.
"""

from calendar import monthrange
from datetime import date
from datetime import timedelta
from types import SimpleNamespace


def calls(start, end, dims, filters=None):
    """Interactions of local days start..end (inclusive) by `dims` (a Counter), from the aggregates."""
    from guichet_kb.stats import cubes

    return cubes.query(start, end, tuple(dims), filters=dict(filters or {}))


def search_gaps(start, end, source, limit):
    """Queries of `source` ("agent" | "public") that found nothing (public) or whose
    results no agent opened: [{"query", "searches", "no_result", "opened"}], worst first.
    The search logs (issue 17, part 3) are not merged yet: none."""
    return []


def item_feedback(start, end):
    """Per item UID: {"uid", "not_useful", "useful", "reports_incorrect", "reports_no_answer"}
    over local days start..end (triage.summary's shape, spam left out there)."""
    from guichet_kb.interactions.store import reports
    from guichet_kb.stats import cubes

    found = {}

    def entry(uid):
        return found.setdefault(uid, {"uid": uid, "not_useful": 0, "useful": 0, "reports_incorrect": 0, "reports_no_answer": 0})

    for (uid, useful), count in cubes.query(start, end, ("service", "useful"), measure="feedback").items():
        entry(uid)["useful" if useful else "not_useful"] += count
    first, last = start.isoformat(), end.isoformat()
    for report in reports():
        if first <= report["date"] <= last:
            entry(report["uid"])[f"reports_{report['kind']}"] += 1
    return list(found.values())


def month_scope(portal, month):
    """The dashboard's scope of a calendar month (the first day of it given), beside the month before."""
    end = date(month.year, month.month, monthrange(month.year, month.month)[1])
    previous_end = month - timedelta(days=1)
    previous_start = previous_end.replace(day=1)
    return SimpleNamespace(start=month, end=end, previous_start=previous_start, previous_end=previous_end, filters={}, unit="day", portal=portal)
