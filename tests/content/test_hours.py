"""Opening hours: open now, next opening, exceptions, DST days and midnight."""

from datetime import datetime
from guichet_kb import clock
from guichet_kb.hours import HoursError
from guichet_kb.hours import Schedule
import pytest
from zoneinfo import ZoneInfo


PARIS = ZoneInfo(clock.DEFAULT_ZONE)  # the zone of a desk outside a site


WEEKLY = [
    {"day": "monday", "opens": "08:30", "closes": "12:00"},
    {"day": "monday", "opens": "13:30", "closes": "17:00"},
    {"day": "tuesday", "opens": "08:30", "closes": "12:00"},
    {"day": "saturday", "opens": "09:00", "closes": "12:00"},
    {"day": "sunday", "opens": "01:00", "closes": "04:00"},  # a night desk, for DST edge cases
]
EXCEPTIONS = [
    {"start": "2026-12-24", "end": "2026-12-26", "label": "Noël", "closed": True},
    {"start": "2026-12-26", "end": "2026-12-26", "label": "Permanence", "opens": "10:00", "closes": "11:00"},
    {"start": "2027-07-01", "end": "2027-08-31", "label": "Été", "opens": "09:00", "closes": "12:00"},
]


@pytest.fixture
def schedule():
    return Schedule(WEEKLY, EXCEPTIONS)


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


class TestOpenNow:
    def test_open_in_morning_range(self, schedule):
        status = schedule.status(paris(2026, 11, 30, 9, 0))  # Monday
        assert status["open_now"] is True
        assert status["closes_at"] == paris(2026, 11, 30, 12, 0)
        assert status["next_opening"] == paris(2026, 11, 30, 13, 30)

    def test_closed_at_lunch(self, schedule):
        status = schedule.status(paris(2026, 11, 30, 12, 0))  # closing minute is closed
        assert status["open_now"] is False
        assert status["next_opening"] == paris(2026, 11, 30, 13, 30)

    def test_opening_minute_is_open(self, schedule):
        assert schedule.is_open(paris(2026, 11, 30, 8, 30))

    def test_after_saturday_close_next_is_sunday_night(self, schedule):
        assert schedule.next_opening(paris(2026, 11, 28, 12, 0)) == paris(2026, 11, 29, 1, 0)

    def test_utc_input_is_converted(self, schedule):
        from datetime import timezone

        # 08:00 UTC on a winter Monday is 09:00 in Paris.
        assert schedule.is_open(datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc))

    def test_naive_input_is_paris_time(self, schedule):
        assert schedule.is_open(datetime(2026, 11, 30, 9, 0))


class TestMidnight:
    def test_midnight_is_closed_and_next_is_same_day(self, schedule):
        status = schedule.status(paris(2026, 11, 30, 0, 0))
        assert status["open_now"] is False
        assert status["next_opening"] == paris(2026, 11, 30, 8, 30)

    def test_one_minute_before_midnight_looks_to_tomorrow(self, schedule):
        assert schedule.next_opening(paris(2026, 11, 30, 23, 59)) == paris(2026, 12, 1, 8, 30)


class TestExceptions:
    def test_closed_day(self, schedule):
        assert not schedule.is_open(paris(2026, 12, 24, 10, 0))

    def test_narrowest_exception_wins(self, schedule):
        assert schedule.is_open(paris(2026, 12, 26, 10, 30))
        assert not schedule.is_open(paris(2026, 12, 26, 9, 30))

    def test_next_opening_skips_closures(self, schedule):
        assert schedule.next_opening(paris(2026, 12, 24, 8, 0)) == paris(2026, 12, 26, 10, 0)

    def test_summer_hours_replace_weekly_on_usual_days(self, schedule):
        assert not schedule.is_open(paris(2027, 7, 5, 14, 0))  # Monday afternoon in summer
        assert schedule.is_open(paris(2027, 7, 5, 11, 30))  # Monday, summer hours 09:00-12:00
        assert not schedule.is_open(paris(2027, 7, 7, 9, 30))  # Wednesday is usually closed

    def test_one_day_exception_opens_a_usually_closed_day(self):
        schedule = Schedule(WEEKLY, [{"start": "2027-03-21", "label": "Élections", "opens": "08:00", "closes": "18:00"}])
        assert schedule.is_open(paris(2027, 3, 21, 10, 0))  # a Sunday

    def test_week_lists_exceptions(self, schedule):
        week = schedule.week(paris(2026, 12, 24, 10, 0))
        assert [d["day"] for d in week][0] == "monday"
        thursday = week[3]
        assert thursday["exception"] == "Noël" and thursday["ranges"] == []

    def test_no_opening_within_horizon(self):
        assert Schedule([], []).next_opening(paris(2026, 1, 1, 0, 0)) is None


class TestDaylightSaving:
    def test_spring_forward_day(self, schedule):
        # 2027-03-28: 02:00 becomes 03:00. The 01:00-04:00 range lasts two real hours.
        assert schedule.is_open(paris(2027, 3, 28, 1, 30))
        assert schedule.is_open(paris(2027, 3, 28, 3, 30))
        opening = schedule.next_opening(paris(2027, 3, 28, 0, 30))
        assert opening.utcoffset().total_seconds() == 3600  # still winter time at 01:00

    def test_after_spring_forward_offset_is_summer(self, schedule):
        opening = schedule.next_opening(paris(2027, 3, 28, 12, 0))
        assert opening == paris(2027, 3, 29, 8, 30)
        assert opening.utcoffset().total_seconds() == 7200

    def test_fall_back_day(self, schedule):
        # 2026-10-25: 03:00 goes back to 02:00; a UTC instant in the repeated hour is open.
        from datetime import timezone

        assert schedule.is_open(datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc))  # 02:30 CEST
        assert schedule.is_open(datetime(2026, 10, 25, 1, 30, tzinfo=timezone.utc))  # 02:30 CET
        assert not schedule.is_open(datetime(2026, 10, 25, 3, 30, tzinfo=timezone.utc))  # 04:30 CET


class TestValidation:
    @pytest.mark.parametrize(
        "rows, msgid",
        [
            ([{"day": "monday", "opens": "12:00", "closes": "08:00"}], "error_closes_before_opens"),
            ([{"day": "monday", "opens": "08:00", "closes": "08:00"}], "error_closes_before_opens"),
            (
                [{"day": "monday", "opens": "08:00", "closes": "12:00"}, {"day": "monday", "opens": "11:00", "closes": "14:00"}],
                "error_overlapping_ranges",
            ),
            ([{"day": "monday", "opens": f"0{h}:00", "closes": f"0{h}:30"} for h in range(1, 4)], "error_too_many_ranges"),
            ([{"day": "lundi", "opens": "08:00", "closes": "12:00"}], "error_unknown_weekday"),
            ([{"day": "monday", "opens": "8h", "closes": "12:00"}], "error_time_format"),
            ([{"day": "monday", "opens": "25:00", "closes": "26:00"}], "error_time_format"),
        ],
    )
    def test_weekly_rejected(self, rows, msgid):
        with pytest.raises(HoursError) as info:
            Schedule(rows)
        assert info.value.msgid == msgid

    @pytest.mark.parametrize(
        "row, msgid",
        [
            ({"start": "2026-12-25", "end": "2026-12-24", "closed": True}, "error_end_before_start"),
            ({"start": "2026-02-30", "closed": True}, "error_date_format"),
            ({"start": "2026-12-25", "closed": True, "opens": "09:00", "closes": "10:00"}, "error_closed_with_hours"),
            ({"start": "2026-12-25"}, "error_exception_needs_hours"),
            ({"start": "2026-12-25", "opens": "10:00", "closes": "09:00"}, "error_closes_before_opens"),
        ],
    )
    def test_exception_rejected(self, row, msgid):
        with pytest.raises(HoursError) as info:
            Schedule([], [row])
        assert info.value.msgid == msgid

    def test_adjacent_ranges_are_fine(self):
        schedule = Schedule([{"day": "monday", "opens": "08:00", "closes": "12:00"}, {"day": "monday", "opens": "12:00", "closes": "14:00"}])
        assert schedule.is_open(paris(2026, 11, 30, 12, 0))
