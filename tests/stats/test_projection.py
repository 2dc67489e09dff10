"""What projection.py keeps is right after the daily job changes a month, and the planner
reads one branch when it can (stats/cubes.py cube_for)."""

from collections import Counter
from datetime import date
from datetime import datetime
from guichet_kb import clock
from guichet_kb.interactions import store
from guichet_kb.stats import cubes
from guichet_kb.stats import projection
from guichet_kb.stats import rollup
import transaction


def log(day, channel, count):
    with clock.frozen(datetime(day.year, day.month, day.day, 10, 0)):
        for _n in range(count):
            store.add("uid-x", channel, "answered", None, "uid-desk")


def test_kept_projections_follow_the_month(functional):
    projection.forget()
    log(date(2026, 3, 2), "telephone", 3)
    with clock.frozen(datetime(2026, 3, 3, 2, 0)):
        rollup.rollup()
    transaction.commit()
    march = (date(2026, 3, 1), date(2026, 3, 31))
    with clock.frozen(datetime(2026, 4, 2, 9, 0)):
        assert cubes.query(*march, ("channel",), {"desk": "uid-desk"}) == Counter({("telephone",): 3})
        assert cubes.query(*march, ("channel",), {"desk": "uid-desk"}) == Counter({("telephone",): 3})  # kept
        assert cubes.query(*march, ("hour",), {"service": "uid-x"}) == Counter({(10,): 3})  # a branch of the widest cube
    log(date(2026, 3, 20), "accueil", 2)  # then the job rolls up the rest of March: the month changes
    with clock.frozen(datetime(2026, 4, 2, 2, 0)):
        rollup.rollup()
        # Changed by this transaction: not read from what was kept.
        assert cubes.query(*march, ("channel",), {"desk": "uid-desk"}) == Counter({("telephone",): 3, ("accueil",): 2})
    transaction.commit()
    with clock.frozen(datetime(2026, 4, 2, 9, 0)):
        assert cubes.query(*march, ("channel",), {"desk": "uid-desk"}) == Counter({("telephone",): 3, ("accueil",): 2})
        assert cubes.query(*march, ("channel",)) == Counter({("telephone",): 3, ("accueil",): 2})
        assert cubes.query(*march, ("hour",), {"service": "uid-x"}) == Counter({(10,): 5})  # the month's branch grew


def test_the_planner_reads_one_branch_when_it_can():
    assert cubes.cube_for("interactions", ("outcome",))[0] == "outcomes"
    assert cubes.cube_for("interactions", ("service", "outcome"), ("desk",))[0] == "desk_services"
    assert cubes.cube_for("interactions", ("desk", "outcome"), ("service",))[0] == "services"
    assert cubes.cube_for("interactions", ("weekday", "hour"), ("service", "desk"))[0] == "full"
    assert cubes.cube_for("interactions", ("outcome",), ("channel",))[0] == "flow"
