"""The counters' marks as plain rules (appointments/marking.py), the marks a row offers
(appointments/day.py) and the appointments panel's figures (dashboard/appointments.py):
no Plone site needed."""

from collections import Counter
from datetime import datetime
from datetime import timedelta
from guichet_kb.appointments.errors import BookingRefused
from guichet_kb.appointments.marking import check
from guichet_kb.dashboard.appointments import median_days
from guichet_kb.dashboard.appointments import no_show_rate
import pytest
from types import SimpleNamespace
from zoneinfo import ZoneInfo


PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=PARIS)


def booking(status="booked", start=NOW + timedelta(hours=1)):
    return SimpleNamespace(status=status, start=start)


def refusal(item, status, now=NOW):
    with pytest.raises(BookingRefused) as caught:
        check(item, status, now)
    return caught.value


def test_an_unknown_status_is_a_400_naming_the_marks():
    error = refusal(booking(), "cancelled")
    assert error.status == 400
    assert error.message.mapping == {"allowed": "arrived, no_show, done"}


@pytest.mark.parametrize("status", ["arrived", "no_show", "done"])
def test_a_cancelled_booking_takes_no_status(status):
    error = refusal(booking("cancelled"), status)
    assert (error.status, str(error.message)) == (409, "error_booking_mark_cancelled")


@pytest.mark.parametrize("status", ["arrived", "no_show", "done"])
def test_no_mark_before_the_appointments_day(status):
    error = refusal(booking(start=NOW + timedelta(days=1)), status)
    assert (error.status, str(error.message)) == (409, "error_booking_mark_early")


def test_the_day_is_the_local_day_of_the_start():
    # 23:30 in Paris is the next day in UTC: still today for the counter.
    late = datetime(2026, 12, 7, 23, 30, tzinfo=PARIS)
    assert check(booking(start=late.astimezone(ZoneInfo("UTC"))), "no_show", NOW) is True


@pytest.mark.parametrize(
    ("current", "status", "written"),
    [
        ("booked", "arrived", True),
        ("booked", "no_show", True),
        ("arrived", "done", True),
        ("no_show", "arrived", True),  # a caller marked absent turns up late
        ("arrived", "arrived", False),  # a second click: nothing to write
        ("done", "done", False),
    ],
)
def test_the_marks_that_follow(current, status, written):
    assert check(booking(current), status, NOW) is written


@pytest.mark.parametrize(("current", "status"), [("booked", "done"), ("no_show", "done"), ("done", "arrived"), ("done", "no_show")])
def test_the_marks_that_do_not_follow(current, status):
    error = refusal(booking(current), status)
    assert (error.status, str(error.message)) == (409, "error_booking_mark_order")


def test_a_past_appointment_can_still_be_marked():
    assert check(booking(start=NOW - timedelta(days=2)), "no_show", NOW) is True


def test_the_marks_a_row_offers():
    from guichet_kb.appointments.day import allowed_marks

    assert allowed_marks(booking("booked"), NOW) == ["arrived", "no_show"]
    assert allowed_marks(booking("arrived"), NOW) == ["no_show", "done"]
    assert allowed_marks(booking("done"), NOW) == []
    assert allowed_marks(booking("cancelled"), NOW) == []
    assert allowed_marks(booking("booked", NOW + timedelta(days=3)), NOW) == []


def test_the_median_lead_time_in_days():
    assert median_days(Counter()) is None
    assert median_days(Counter({24: 1})) == 1.0
    assert median_days(Counter({2: 1, 48: 1, 240: 1})) == 2.0
    assert median_days(Counter({12: 3, 1000: 1})) == 0.5


def test_the_no_show_rate_counts_only_marked_appointments():
    assert no_show_rate(Counter({"booked": 10, "cancelled": 5})) is None
    assert no_show_rate(Counter({"no_show": 1, "done": 2, "arrived": 1, "booked": 6})) == 25.0
