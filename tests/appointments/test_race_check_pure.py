"""The race's verdict (bench/appointments_race.py `problems`), which decides the exit
code of `make bench-appointments`: it passes only when every offered slot is booked
exactly once with the codes the bookers were given, and names what is wrong otherwise."""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
import pytest
from repo_paths import ROOT
import sys


NINE = datetime(2030, 1, 7, 9, tzinfo=timezone.utc)
STARTS = [NINE, NINE + timedelta(minutes=10), NINE + timedelta(minutes=20)]


@pytest.fixture
def problems(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import appointments_race

    yield appointments_race.problems
    sys.modules.pop("appointments_race", None)


def rows(*bookings):
    """(code, counter, start, end) rows of 10-minute bookings given as (code, counter, start)."""
    return [(code, counter, start, start + timedelta(minutes=10)) for code, counter, start in bookings]


def test_every_slot_booked_once_passes(problems):
    booked = rows(("A", "p1", STARTS[0]), ("B", "p1", STARTS[1]), ("C", "p1", STARTS[2]))
    assert problems(booked, STARTS, ["C", "A", "B"]) == []


def test_two_bookings_of_one_slot_and_a_slot_left_free_are_named(problems):
    booked = rows(("A", "p1", STARTS[0]), ("B", "p1", STARTS[0]), ("C", "p1", STARTS[2]))
    assert problems(booked, STARTS, ["A", "B", "C"]) == [
        "double bookings (one counter, one start): 1",
        "A and B overlap on counter p1",
        "the booked starts are not the offered slots",
    ]


def test_overlapping_bookings_of_one_counter_are_named(problems):
    long = [("A", "p1", STARTS[0], STARTS[0] + timedelta(minutes=15)), *rows(("B", "p1", STARTS[1]), ("C", "p1", STARTS[2]))]
    assert problems(long, STARTS, ["A", "B", "C"]) == ["A and B overlap on counter p1"]


def test_too_many_or_too_few_bookings_and_unknown_codes_are_named(problems):
    assert problems(rows(("A", "p1", STARTS[0])), STARTS, ["A"]) == ["bookings: 1 for 3 slots", "the booked starts are not the offered slots"]
    booked = rows(("A", "p1", STARTS[0]), ("B", "p1", STARTS[1]), ("X", "p1", STARTS[2]))
    assert problems(booked, STARTS, ["A", "B", "C"]) == ["the store's 3 codes are not the 3 codes the bookers were given"]


def test_one_start_free_on_two_counters_counts_twice(problems):
    two = [NINE, NINE]
    assert problems(rows(("A", "p1", NINE), ("B", "p2", NINE)), two, ["A", "B"]) == []
    assert problems(rows(("A", "p1", NINE)), two, ["A"]) == ["bookings: 1 for 2 slots", "the booked starts are not the offered slots"]
