"""What the content-gaps panel and the monthly summary read from the other parts, in one place.

Four sources belong to other sub-packages: the interaction aggregates
(stats/cubes.py: `cubes.query`), the search logs (search logs: `logs.gaps`), the
triage of citizens' feedback and agents' reports (triage/: `triage.summary`) and
the dashboard's period (dashboard/period.py: `Scope`). The panels call only these
functions, so a source's shape changes here and nowhere else.

The "useful?" answers and agents' reports come from the triage (spam left out), not
from the aggregates' "feedback" measure: an item marked spam after its day was rolled
up must leave the figures.
"""


def calls(start, end, dims, filters=None):
    """Interactions of local days start..end (inclusive) by `dims` (a Counter), from the aggregates."""
    from guichet_kb.stats import cubes

    return cubes.query(start, end, tuple(dims), filters=dict(filters or {}))


def search_gaps(start, end, source, limit):
    """Queries of `source` ("agent" | "public") that found nothing (public) or whose
    results no agent opened: [{"query", "searches", "no_result", "opened"}], worst first."""
    from guichet_kb.search import logs

    return logs.gaps(start, end, source, limit=limit)


def item_feedback(start, end):
    """Per item UID: {"uid", "not_useful", "useful", "reports_incorrect", "reports_no_answer"}
    over local days start..end (spam left out, merged duplicates counted as they came)."""
    from guichet_kb.triage.summary import summary

    return summary(start, end)


def month_scope(portal, month):
    """The dashboard's scope of a calendar month (the first day of it given), beside the month before."""
    from guichet_kb.dashboard.period import last_day
    from guichet_kb.dashboard.period import previous_of
    from guichet_kb.dashboard.period import Scope
    from guichet_kb.dashboard.period import unit_of

    end = last_day(month)
    previous_start, previous_end = previous_of(month, end)
    return Scope(month, end, previous_start, previous_end, unit_of((end - month).days + 1), "last_month", filters={}, portal=portal)
