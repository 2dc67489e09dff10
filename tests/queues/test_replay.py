"""The queue replay (bench/queue_replay.py, make bench-queue-replay): its figures come
from the replayed tickets, not from constants. A day without variance (every service
its default minutes, counters open all day) must give an exact estimate and every
notice on time; the town hall day (stated distributions) must not; the same seed
replays the same day; the figures of hand-made tickets are what they should be."""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
import pytest
from repo_paths import ROOT
import sys


NINE = datetime(2030, 1, 7, 9, tzinfo=timezone.utc)
MODULES = ("queue_day", "queue_core", "queue_replay", "queue_figures")


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import queue_day
    import queue_figures
    import queue_replay

    yield queue_day, queue_replay, queue_figures
    for name in MODULES:
        sys.modules.pop(name, None)


def test_a_day_without_variance_is_estimated_exactly(bench):
    queue_day, queue_replay, queue_figures = bench
    outcome = queue_replay.replay(queue_day.steady(rate=24, minutes=6), seed=3)
    found = queue_figures.figures(outcome.tickets, notify=10)
    assert found["called"] == found["tickets"] > 30
    assert found["mae"] == pytest.approx(0, abs=0.01)
    assert found["p90"] == pytest.approx(0, abs=0.01)
    assert found["eligible"] > 5  # a queue formed: some waited 12 minutes or more
    assert found["share"] == 1.0
    assert found["late"] == found["early"] == found["none"] == 0


def test_the_town_hall_day_has_errors_and_is_reproducible(bench):
    queue_day, queue_replay, queue_figures = bench
    first = queue_figures.figures(queue_replay.replay(queue_day.TOWN_HALL, seed=1).tickets, notify=10)
    again = queue_figures.figures(queue_replay.replay(queue_day.TOWN_HALL, seed=1).tickets, notify=10)
    other = queue_figures.figures(queue_replay.replay(queue_day.TOWN_HALL, seed=2).tickets, notify=10)
    assert first == again
    assert first != other
    assert first["mae"] > 0.5
    assert first["eligible"] == first["on_time"] + first["early"] + first["late"] + first["none"]
    assert first["share"] < 1.0


def test_every_ticket_is_called_in_the_rule_of_the_order(bench):
    queue_day, queue_replay, _figures = bench
    outcome = queue_replay.replay(queue_day.TOWN_HALL, seed=4)
    numbers = [t.number for t in outcome.tickets]
    assert numbers == list(range(1, len(numbers) + 1))
    called = [t for t in outcome.tickets if t.called is not None]
    assert len(called) > 0.9 * len(outcome.tickets)
    assert all(t.called >= t.taken for t in called)
    assert all(t.status == "waiting" and t.taken.hour >= 15 for t in outcome.tickets if t.called is None)  # left at the closing
    assert all(b.status == "done" for b in outcome.bookings)
    ordinary = sorted((t for t in outcome.tickets if t.priority is None and t.prefix == "E"), key=lambda t: t.number)
    calls = [t.called for t in ordinary if t.called is not None]
    assert calls == sorted(calls)  # one service's ordinary tickets are called in the order they queued
    assert ordinary[len(calls) :] == [t for t in ordinary if t.called is None]  # those left at the closing are the last


def ticket(number, taken_min, estimate_min, called_min, notified_min):
    minute = timedelta(minutes=1)
    return type(
        "T",
        (),
        {
            "number": number,
            "taken": NINE + taken_min * minute,
            "estimate": NINE + estimate_min * minute,
            "called": None if called_min is None else NINE + called_min * minute,
            "notified": None if notified_min is None else NINE + notified_min * minute,
        },
    )()


def test_figures_of_hand_made_tickets(bench):
    _day, _replay, queue_figures = bench
    tickets = [
        ticket(1, 0, 20, 22, 12),  # error 2, told 10 before: on time
        ticket(2, 0, 30, 26, 11),  # error 4, told 15 before: early
        ticket(3, 0, 30, 36, 31),  # error 6, told 5 before: late
        ticket(4, 0, 30, 30, None),  # error 0, called before any notice: none
        ticket(5, 0, 5, 5, 0),  # waited 5 minutes: no notice counted
    ]
    found = queue_figures.figures(tickets, notify=10)
    assert found["mae"] == pytest.approx((2 + 4 + 6 + 0 + 0) / 5)
    assert found["bias"] == pytest.approx((2 - 4 + 6 + 0 + 0) / 5)
    assert found["median"] == pytest.approx(2)
    assert (found["eligible"], found["on_time"], found["early"], found["late"], found["none"]) == (4, 1, 1, 1, 1)
    assert found["share"] == pytest.approx(0.25)
    assert found["not_late"] == pytest.approx(0.5)
