"""The queue benchmark's verdict (bench/queue_verdict.py), which decides the exit code of
`make bench-queue`: it passes only when every ticket a taker was given is stored once,
numbered 1..N, called once and served, and names what is wrong otherwise; the notices'
lateness is measured from the last read where the ticket was not due yet."""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
import pytest
from repo_paths import ROOT
import sys
from types import SimpleNamespace


NINE = datetime(2030, 1, 7, 9, tzinfo=timezone.utc)


@pytest.fixture
def verdict(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import queue_verdict

    yield queue_verdict
    sys.modules.pop("queue_verdict", None)


def ticket(number, status="done", code=None, notified=None):
    return SimpleNamespace(number=number, code=code or f"CODE-{number}", label=f"C{number:03d}", status=status, taken=NINE, notified=notified)


def test_every_ticket_once_passes(verdict):
    stored = [ticket(1), ticket(2), ticket(3)]
    assert verdict.problems(stored, ["CODE-3", "CODE-1", "CODE-2"], ["CODE-1", "CODE-2", "CODE-3"]) == []


def test_gaps_repeats_losses_and_double_calls_are_named(verdict):
    stored = [ticket(1), ticket(1, code="CODE-X"), ticket(4, status="waiting")]
    assert verdict.problems(stored, ["CODE-1", "CODE-2", "CODE-X"], ["CODE-1", "CODE-1"]) == [
        "numbers not 1..3 once each",
        "1 tickets given to a taker are not in the store",
        "1 stored tickets no taker was given",
        "1 tickets called twice",
        "1 tickets not served, e.g. ['C004']",
    ]


def test_an_empty_store_fails(verdict):
    assert verdict.problems([], [], []) == ["no ticket in the store"]


def test_lateness_from_the_last_read_not_yet_due(verdict):
    seen = NINE + timedelta(seconds=100)
    stored = [
        ticket(1, notified=seen + timedelta(seconds=4)),  # last seen not due at +100 s: 4 s late at most
        ticket(2, notified=NINE + timedelta(seconds=2)),  # due when taken: 2 s
        ticket(3),  # never told: not measured
    ]
    assert verdict.lateness(stored, {"C001": seen.timestamp()}) == pytest.approx([4.0, 2.0])
