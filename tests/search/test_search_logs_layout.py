"""The search logs' layout (search/logs/layout.py, reading.py), Zope-free: every period
reads the same counts before and after compaction as a plain model of the searches,
compaction is idempotent, and the purge drops the old days (labels included)."""

from datetime import date
from guichet_kb.search.logs import layout
from guichet_kb.search.logs import reading
import random


START = date(2025, 1, 20).toordinal()
DAYS = 80  # late January to mid-April: whole months and partial edges
KEYS = ("passeport", "carte grise", "encombrant", "velo aide", "cantine")


def generated(seed=17):
    """A log and the model {(day, source, key): [searches, no_result, opened]}, {(day, source): screened}."""
    rng = random.Random(seed)
    log, model, screened = layout.SearchLog(), {}, {}
    for _ in range(3000):
        day, source, key = START + rng.randrange(DAYS), rng.choice(("agent", "public")), rng.choice(KEYS)
        if rng.random() < 0.05:
            layout.screen_out(log, day, source)
            screened[(day, source)] = screened.get((day, source), 0) + 1
            continue
        no_result, opened = rng.random() < 0.3, source == "agent" and rng.random() < 0.5
        layout.count(log, day, source, key, key.upper(), no_result, opened)
        counts = model.setdefault((day, source, key), [0, 0, 0])
        counts[0] += 1
        counts[1] += no_result
        counts[2] += opened
    return log, model, screened


def expected(model, first, last, source):
    found = {}
    for (day, one, key), values in model.items():
        if one == source and first <= day <= last:
            found[key] = tuple(a + b for a, b in zip(found.get(key, (0, 0, 0)), values, strict=True))
    return found


def expected_totals(model, screened, first, last):
    found = {}
    for (day, source, _key), values in model.items():
        if first <= day <= last:
            row = found.setdefault(source, [0, 0, 0, 0])
            for i, value in enumerate(values):
                row[i] += value
    for (day, source), value in screened.items():
        if first <= day <= last:
            found.setdefault(source, [0, 0, 0, 0])[3] += value
    return found


def periods(seed=3):
    rng = random.Random(seed)
    chosen = [(START, START + DAYS - 1), (date(2025, 2, 1).toordinal(), date(2025, 3, 31).toordinal()), (START - 40, START + DAYS + 40)]
    for _ in range(40):
        first = START - 5 + rng.randrange(DAYS + 10)
        chosen.append((first, first + rng.randrange(60)))
    return chosen


def expected_gaps(model, first, last, source, limit=3):
    rows = []
    for key, (searches, no_result, opened) in expected(model, first, last, source).items():
        gap = no_result if source == "public" else searches - opened
        if gap:
            row = {"query": key.upper(), "searches": searches, "no_result": no_result, "opened": opened if source == "agent" else None}
            rows.append((-gap, -searches, key, row))
    return [row[-1] for row in sorted(rows, key=lambda row: row[:3])[:limit]]


def check(log, model, screened):
    for first, last in periods():
        for source in ("agent", "public"):
            assert reading.counts(log, first, last, source) == expected(model, first, last, source), (first, last, source)
            assert reading.gaps(log, first, last, source, 3) == expected_gaps(model, first, last, source), (first, last, source)
        assert reading.totals(log, first, last) == expected_totals(model, screened, first, last), (first, last)


def test_periods_read_the_same_before_and_after_compaction():
    log, model, screened = generated()
    check(log, model, screened)
    today = START + 50  # days before are closed
    folded = layout.compact(log, today)
    closed = {(day, source) for (day, source, _key) in model if day < today} | {k for k in screened if k[0] < today}
    assert folded == {"days": len({day for day, _s in closed}), "searches": sum(v[0] for (day, _s, _k), v in model.items() if day < today)}
    assert all(entry[0] >= today for tree in log.live for entry in tree.keys())  # only open days stay live
    assert set(log.days.keys()) == {day for (day, _s, _k) in model if day < today}
    assert set(log.months.keys()) == {layout.month_of(day) for day in log.days.keys()}
    check(log, model, screened)
    # Idempotent: a second run (several hosts' cron, a retried job) folds nothing and changes nothing.
    assert layout.compact(log, today) == {"days": 0, "searches": 0}
    check(log, model, screened)
    assert layout.compact(log, START + DAYS + 1)["days"] > 0
    assert not any(len(tree) for tree in log.live) and not len(log.screened)
    check(log, model, screened)


def test_a_late_write_to_a_compacted_day_is_merged():
    log = layout.SearchLog()
    layout.count(log, START, "public", "passeport", "passeport", True, False)
    layout.compact(log, START + 1)
    layout.count(log, START, "public", "passeport", "passeport", False, False)  # committed just after midnight
    layout.compact(log, START + 1)
    assert reading.counts(log, START, START, "public") == {"passeport": (2, 1, 0)}
    assert reading.totals(log, START, START) == {"public": [2, 1, 0, 0]}


def test_purge_drops_old_days_rebuilds_the_cutoff_month_and_forgets_labels():
    log, model, screened = generated()
    layout.compact(log, START + 60)
    layout.count(log, START + 70, "agent", "nouvelle cle", "Nouvelle clé", False, True)
    model[(START + 70, "agent", "nouvelle cle")] = [1, 0, 1]
    first = date(2025, 2, 10).toordinal()  # in the middle of a compacted month
    gone = layout.purge(log, first)
    assert gone == len({day for (day, _s, _k) in model if day < first} | {day for day, _s in screened if day < first})
    kept = {k: v for k, v in model.items() if k[0] >= first}
    kept_screened = {k: v for k, v in screened.items() if k[0] >= first}
    check(log, kept, kept_screened)
    assert reading.counts(log, START, first - 1, "agent") == {} and reading.totals(log, START, first - 1) == {}
    assert reading.label(log, "nouvelle cle") == "Nouvelle clé"
    assert layout.purge(log, first) == 0
    layout.purge(log, START + DAYS + 1)  # everything is old now: no label is left behind
    assert not any(len(labels) for labels in log.labels) and not len(log.months) and not len(log.days)
