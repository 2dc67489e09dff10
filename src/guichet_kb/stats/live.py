"""One local day's counts read from the raw records: what the daily job stores for a
closed day (rollup.py) and what a query counts for a day not rolled up yet (cubes.py).

One function per measure yields (values, count), values in the order of the
measure's widest cube (cubes.CUBES), so both readers share the same rule.
"""

from collections import Counter
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.interactions import store as interactions
from guichet_kb.stats import store as stats


def _interactions(day):
    from guichet_kb.stats.cubes import day_start

    for moment, service, channel, outcome, organisation, desk in interactions.records_between(day_start(day), day_start(day + timedelta(days=1))):
        when = clock.local(moment)
        # The widest cube's order: service, desk, weekday, hour, channel, outcome, organisation.
        yield (service or "", desk or "", when.weekday(), when.hour, channel, outcome, organisation or ""), 1


def _views(day):
    ordinal = day.toordinal()
    for uid, per_day in stats.view_days():
        counter = per_day.get(ordinal)
        if counter is not None and counter():
            yield (uid,), counter()


def _feedback(day):
    for entry in stats.feedback_on(day):
        yield (entry["uid"], bool(entry["useful"])), entry.get("count", 1)


def _appointments(day):
    from guichet_kb.appointments.figures import day_rows

    return day_rows(day)


def _queue(day):
    from guichet_kb.queues.figures import day_rows

    return day_rows(day)


ROWS = {"interactions": _interactions, "views": _views, "feedback": _feedback, "appointments": _appointments, "queue": _queue}


def rows(day, measure):
    return ROWS[measure](day)


def counts(day, measure, dims, filters):
    """Counter keyed by `dims` values for one day's raw records matching `filters`."""
    from guichet_kb.stats.cubes import CUBES

    widest = CUBES[measure][-1][1]
    picks = [widest.index(d) for d in dims]
    checks = [(widest.index(d), v) for d, v in filters.items()]
    total = Counter()
    for values, count in rows(day, measure):
        if all(values[i] == v for i, v in checks):
            total[tuple(values[i] for i in picks)] += count
    return total
