"""The dashboard's aggregates (stats/cubes.py, stats/rollup.py): the same figures from the
raw records (days not rolled up) and from the cubes (after the daily job), any filter."""

from collections import Counter
from datetime import date
from datetime import datetime
from guichet_kb import clock
from guichet_kb.interactions import store
from guichet_kb.stats import cubes
from guichet_kb.stats import rollup
from guichet_kb.stats import store as stats
import pytest
import random


SERVICES = ("uid-passeport", "uid-cni", "uid-encombrants", "")
DESKS = ("uid-mairie", "uid-annexe", "")
CHANNELS = ("telephone", "accueil", "courriel")
# Three months, across a month's end and a DST change (last Sunday of March).
FIRST, LAST = date(2026, 2, 20), date(2026, 4, 10)


@pytest.fixture
def activity(integration):
    """Random records, views and feedback, each written at its moment; the expected counts."""
    rng = random.Random(17)
    expected = []
    day = FIRST
    while day <= LAST:
        for _n in range(rng.randrange(0, 12)):
            moment = datetime(day.year, day.month, day.day, rng.randrange(7, 19), rng.randrange(60), tzinfo=clock.zone())
            service, desk, channel = rng.choice(SERVICES), rng.choice(DESKS), rng.choice(CHANNELS)
            outcome = "not_answered" if not service else rng.choice(("answered", "redirected"))
            body = "uid-caf" if outcome == "redirected" else None
            with clock.frozen(moment):
                store.add(service or None, channel, outcome, body, desk or None)
                if service:
                    stats.count_view(service, day)
                    stats.add_feedback(service, rng.random() < 0.7, "")
            expected.append((day, service, desk, moment.weekday(), moment.hour, channel, outcome, body or ""))
        day = date.fromordinal(day.toordinal() + 1)
    return expected


def expect(records, start, end, dims, **filters):
    names = ("day", "service", "desk", "weekday", "hour", "channel", "outcome", "organisation")
    found = Counter()
    for record in records:
        values = dict(zip(names, record, strict=True))
        if start <= values["day"] <= end and all(values[k] == v for k, v in filters.items()):
            found[tuple(values[d] for d in dims)] += 1
    return found


CASES = [
    (("channel", "outcome"), {}),
    (("service", "outcome"), {}),
    (("weekday", "hour"), {"channel": "telephone"}),
    (("desk",), {"service": "uid-cni"}),
    (("hour",), {"service": "uid-passeport", "desk": "uid-annexe"}),
    (("organisation",), {"outcome": "redirected"}),
    (("channel",), {"desk": "uid-unknown"}),
]


@pytest.mark.parametrize("dims, filters", CASES)
def test_live_and_rolled_up_figures_are_the_same(activity, dims, filters):
    periods = [
        (FIRST, LAST),
        (date(2026, 3, 1), date(2026, 3, 31)),
        (date(2026, 2, 25), date(2026, 4, 2)),
        (date(2026, 3, 29), date(2026, 3, 29)),
        (date(2026, 3, 9), date(2026, 4, 5)),
    ]  # the last: whole ISO weeks
    live = [cubes.query(start, end, dims, filters) for start, end in periods]
    assert live == [expect(activity, start, end, dims, **filters) for start, end in periods]
    with clock.frozen(datetime(2026, 4, 20, 3, 0)):
        answer = rollup.rollup()
    assert answer["rolled_through"] == "2026-04-19" and answer["remaining"] == 0
    assert [cubes.query(start, end, dims, filters) for start, end in periods] == live


def test_the_rollup_is_bounded_and_idempotent(activity):
    with clock.frozen(datetime(2026, 4, 20, 3, 0)):
        first = rollup.rollup(max_days=30)
        assert (first["rolled_up"], first["rolled_through"], first["remaining"]) == (30, "2026-03-21", 29)
        rest = rollup.rollup()
        assert (rest["rolled_up"], rest["remaining"]) == (29, 0)
        again = rollup.rollup()
    assert (again["rolled_up"], again["rolled_through"], again["remaining"]) == (0, "2026-04-19", 0)
    container = cubes.container()
    # Whole months are read from one unit each; the months of February to April exist.
    assert sorted(container.months) == [cubes.month_key(date(2026, m, 1)) for m in (2, 3, 4)]
    total = cubes.query(FIRST, LAST, ("outcome",))
    assert sum(total.values()) == len(activity)


def test_views_and_feedback(activity):
    views = cubes.query(FIRST, LAST, ("service",), measure="views")
    # count_view counts each call once per sheet: one view per record with a service.
    assert views == Counter((r[1],) for r in activity if r[1])
    feedback = cubes.query(FIRST, LAST, ("useful",), measure="feedback")
    with clock.frozen(datetime(2026, 4, 20, 3, 0)):
        rollup.rollup()
    assert cubes.query(FIRST, LAST, ("useful",), measure="feedback") == feedback
    assert sum(feedback.values()) == len([r for r in activity if r[1]])


def test_series_has_every_bucket(activity):
    weeks = cubes.series(date(2026, 3, 4), date(2026, 3, 20), "week", ("outcome",))
    assert [start for start, _counts in weeks] == [date(2026, 3, 4), date(2026, 3, 9), date(2026, 3, 16)]
    months = cubes.series(date(2026, 1, 15), date(2026, 3, 2), "month", ("channel",))
    assert [start for start, _counts in months] == [date(2026, 1, 15), date(2026, 2, 1), date(2026, 3, 1)]
    assert months[0][1] == Counter()
    assert sum(months[1][1].values()) == sum(expect(activity, date(2026, 2, 1), date(2026, 2, 28), ("channel",)).values())


def test_unknown_dimensions_and_units_are_refused():
    with pytest.raises(ValueError):
        cubes.cube_for("interactions", ("colour",))
    with pytest.raises(ValueError):
        cubes.buckets(FIRST, LAST, "fortnight")


def test_old_records_read_back_without_desk(integration):
    log = store.container()
    with clock.frozen(datetime(2026, 5, 4, 10, 0)):
        key = store._insert(log.shards[0], clock.now(), ("uid-a", "telephone", "answered"))
        store._insert(log.shards[1], clock.now(), ("uid-b", "accueil", "redirected", "uid-caf"))
    assert store.record(0, key)[1:] == ("uid-a", "telephone", "answered", None, None)
    assert cubes.query(date(2026, 5, 4), date(2026, 5, 4), ("service", "organisation", "desk")) == Counter(
        {("uid-a", "", ""): 1, ("uid-b", "uid-caf", ""): 1}
    )
