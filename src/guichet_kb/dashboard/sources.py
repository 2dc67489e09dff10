"""What the content-gaps panel and the monthly summary read from the other parts, in one place.

Four sources belong to other sub-packages: the interaction aggregates
(stats/cubes.py: `cubes.query`), the search logs (search logs: `logs.gaps`), the
triage of citizens' feedback and agents' reports (triage/: `triage.summary`) and
the dashboard's period (dashboard/period.py: `Scope`). The panels call only these
functions, so a source's shape changes here and nowhere else.

The "useful?" answers come from the aggregates' "feedback" measure less the entries
the triage marked spam (stats/store.py SPAM: an entry marked spam after its day was
rolled up leaves the figures), never from a scan of every answer.
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
    over local days start..end: the "useful?" answers from the aggregates less those marked
    spam, agents' reports (few) from their store less spam, merged duplicates counted as
    they came."""
    from guichet_kb.interactions import store as reports
    from guichet_kb.stats import cubes
    from guichet_kb.stats.store import spam_between
    from guichet_kb.triage.items import status_of

    found = {}

    def entry(uid):
        return found.setdefault(uid, {"uid": uid, "not_useful": 0, "useful": 0, "reports_incorrect": 0, "reports_no_answer": 0})

    for (uid, useful), count in cubes.query(start, end, ("service", "useful"), measure="feedback").items():
        entry(uid)["useful" if useful else "not_useful"] += count
    for spam in spam_between(start, end):
        entry(spam["uid"])["useful" if spam["useful"] else "not_useful"] -= spam["count"]
    first, last = start.isoformat(), end.isoformat()
    for _key, report in reports.report_items(since=cubes.day_start(start)):
        if first <= report["date"] <= last and status_of(report) != "spam":
            entry(report["uid"])[f"reports_{report['kind']}"] += report.get("count", 1)
    return list(found.values())


def month_scope(portal, month):
    """The dashboard's scope of a calendar month (the first day of it given), beside the month before."""
    from guichet_kb.dashboard.period import last_day
    from guichet_kb.dashboard.period import previous_of
    from guichet_kb.dashboard.period import Scope
    from guichet_kb.dashboard.period import unit_of

    end = last_day(month)
    previous_start, previous_end = previous_of(month, end)
    return Scope(month, end, previous_start, previous_end, unit_of((end - month).days + 1), "last_month", filters={}, portal=portal)
