"""The estimate (queues/estimate.py): rolling median, open time, list scheduling."""

from ..appointments.core_helpers import at
from ..appointments.core_helpers import MONDAY
from ..appointments.core_helpers import schedule
from collections import namedtuple
from datetime import timedelta
from guichet_kb.queues.estimate import forecast
from guichet_kb.queues.estimate import median_minutes
from guichet_kb.queues.estimate import OpenTime
from guichet_kb.queues.estimate import remaining_minutes
from guichet_kb.queues.estimate import Server
from guichet_kb.queues.estimate import serving_until
from guichet_kb.queues.estimate import wait_minutes
from guichet_kb.queues.state import periods


Waiting = namedtuple("Waiting", "code prefix queue", defaults=("q",))
MORNING = (at(MONDAY, 8, 30), at(MONDAY, 12))
AFTERNOON = (at(MONDAY, 13, 30), at(MONDAY, 17))


def test_the_median_waits_for_enough_samples_then_rolls():
    assert median_minutes([4, 5, 6, 7], 12) == 12.0
    assert median_minutes([4, 5, 6, 7, 30], 12) == 6.0
    assert median_minutes([100] * 10 + [2] * 20, 12) == 2.0  # only the last 20 count


def test_open_time_skips_the_lunch_break():
    open_time = OpenTime([MORNING, AFTERNOON])
    assert open_time.advance(at(MONDAY, 11, 50), 20) == at(MONDAY, 13, 40)
    assert open_time.align(at(MONDAY, 12, 30)) == at(MONDAY, 13, 30)
    assert open_time.advance(at(MONDAY, 16, 50), 20) == at(MONDAY, 17, 10)  # past the closing, time runs on
    assert open_time.closing() == at(MONDAY, 17)


def test_two_counters_take_the_tickets_in_turn():
    now = at(MONDAY, 9)
    tickets = [Waiting(f"t{n}", "C") for n in range(5)]
    calls = forecast(tickets, [Server("g1"), Server("g2")], now, [MORNING, AFTERNOON], lambda prefix: 10)
    assert [calls[f"t{n}"].call_at for n in range(5)] == [
        now,
        now,
        now + timedelta(minutes=10),
        now + timedelta(minutes=10),
        now + timedelta(minutes=20),
    ]
    assert [calls[f"t{n}"].position for n in range(5)] == [1, 2, 3, 4, 5]


def test_a_busy_counter_an_appointment_and_a_service_it_does_not_serve():
    now = at(MONDAY, 9)
    servers = [
        Server("g1", frozenset({"C"}), now + timedelta(minutes=4), ((now + timedelta(minutes=10), now + timedelta(minutes=30)),)),
        Server("g2", frozenset({"P"})),
    ]
    tickets = [Waiting("c1", "C"), Waiting("c2", "C"), Waiting("p1", "P"), Waiting("x1", "X")]
    calls = forecast(tickets, servers, now, [MORNING], lambda prefix: 5)
    assert calls["c1"].call_at == now + timedelta(minutes=4)  # 09:04-09:09 fits before the 09:10 appointment
    assert calls["c2"].call_at == now + timedelta(minutes=30)  # after it
    assert calls["p1"].call_at == now
    assert calls["x1"].call_at is None


def test_positions_count_per_queue_and_the_closed_desk_freezes_the_wait():
    now = at(MONDAY, 11, 55)
    tickets = [Waiting("a", "C", "q1"), Waiting("b", "C", "q2"), Waiting("c", "C", "q1")]
    calls = forecast(tickets, [Server("g1")], now, [MORNING, AFTERNOON], lambda prefix: 10)
    assert [calls[code].position for code in "abc"] == [1, 1, 2]
    assert calls["b"].call_at == at(MONDAY, 13, 35)  # 5 minutes of the morning, then the afternoon
    assert wait_minutes(calls["b"].call_at, now) == 100
    assert wait_minutes(now - timedelta(minutes=1), now) == 0
    assert wait_minutes(None, now) is None


def test_today_periods_from_the_schedule():
    assert periods(schedule(), at(MONDAY, 12, 30)) == [AFTERNOON]
    assert periods(schedule(), at(MONDAY, 7)) == [MORNING, AFTERNOON]


def test_a_busy_counter_frees_after_the_expected_rest_of_its_visit():
    now, since = at(MONDAY, 9, 10), at(MONDAY, 9)
    assert serving_until(now, since, [], 15) == now + timedelta(minutes=5)  # the configured 15 minutes, 10 gone
    samples = [8, 9, 12, 14, 20]
    assert remaining_minutes(samples, 10, 15) == (2 + 4 + 10) / 3  # the mean rest of the longer ones
    assert remaining_minutes(samples, 25, 15) == 1.2  # longer than all: a tenth of the median
    assert serving_until(now, since, length=timedelta(minutes=20)) == at(MONDAY, 9, 20)  # an appointment: its length
    assert serving_until(at(MONDAY, 9, 30), since, length=timedelta(minutes=20)) == at(MONDAY, 9, 30)  # overrun: now
