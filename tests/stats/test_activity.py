"""Generated activity (demo/activity.py): the demo's and the benchmark's, counted like real calls."""

from datetime import date
from guichet_kb.demo import activity
from guichet_kb.interactions import store
from guichet_kb.stats import cubes
from guichet_kb.stats import rollup


def test_a_fortnight_of_generated_activity(integration):
    before = store.count()
    start = date(2026, 3, 2)  # a Monday
    made = activity.generate(start, 14, 40, 20, seed=3)
    assert store.count() - before == made["interactions"] > 300
    found = cubes.query(start, date(2026, 3, 15), ("weekday", "channel", "outcome"))
    assert sum(found.values()) == made["interactions"]
    assert not any(weekday == 6 for weekday, _channel, _outcome in found)  # closed on Sundays
    assert {outcome for _w, _c, outcome in found} == {"answered", "redirected", "not_answered"}
    hours = cubes.query(start, date(2026, 3, 15), ("weekday", "hour"))
    assert all(hour in (9, 10, 11) for weekday, hour in hours if weekday == 5)  # Saturday mornings
    assert sum(cubes.query(start, date(2026, 3, 15), ("service",), measure="views").values()) == made["views"]
    again = activity.generate(start, 14, 40, 20, seed=3)
    assert again == made  # the same seed, the same activity
    rollup.rollup(today=date(2026, 3, 16))
    assert sum(cubes.query(start, date(2026, 3, 15), ("channel",)).values()) == 2 * made["interactions"]
