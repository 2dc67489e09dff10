"""Dashboard tests: the demo's desk manager ("responsable") asks; interactions are
logged through POST @interactions at frozen moments and compacted by the daily rollup
(stats/cubes.py), on sheets, desks and organisations of the tests' own."""

from datetime import datetime
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.stats import visitors
import pytest


@pytest.fixture(autouse=True)
def fresh_limits():
    ratelimit.clear()
    visitors.forget()


@pytest.fixture
def at(monkeypatch):
    """at(y, m, d, h=10) freezes the clock there (local time of the site)."""

    def freeze(year, month, day, hour=10, minute=0):
        moment = datetime(year, month, day, hour, minute, tzinfo=clock.zone())
        monkeypatch.setattr(clock, "now", lambda: moment)
        return moment

    return freeze
