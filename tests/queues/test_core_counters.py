"""The counters' actions (queues/counters.py): open, next, recall, absent, done, transfer,
priority, and the appointments served from the same list."""

from ..appointments.core_helpers import at
from ..appointments.core_helpers import MONDAY
from ..appointments.core_helpers import rules as agenda_rules
from ..appointments.core_helpers import schedule
from .queue_helpers import MADAME
from .queue_helpers import queue_rules
from .test_core_store import refusal
from .test_core_store import take
from datetime import timedelta
from guichet_kb.appointments import store as appointments
from guichet_kb.queues import counters
from guichet_kb.queues import store
from guichet_kb.queues.state import DeskForecast
import pytest


NOW = at(MONDAY, 9)
RULES = queue_rules()
DESK = [RULES]


def act(action, code="g1", minutes=0, **extra):
    return getattr(counters, action)(DESK, "uid-desk", code, "agent", NOW + timedelta(minutes=minutes), **extra)


@pytest.fixture
def line(integration):
    for _n in range(3):
        take()
    return store.line_of("uid-queue")


def test_a_closed_counter_calls_nobody(line):
    assert refusal(lambda: act("call_next", schedule=schedule())) == (409, "CounterClosed", "Ce guichet est fermé : ouvrez-le d'abord.")
    assert refusal(lambda: act("open_counter", code="g9"))[:2] == (404, "NotFound")


def test_next_recall_absent_after_grace_done(line):
    first, second, third = line.waiting_on(MONDAY)
    act("open_counter")
    choice = act("call_next", schedule=schedule())
    assert (choice.kind, choice.item) == ("ticket", first)
    assert (first.status, first.counter, first.called) == ("called", "g1", NOW)
    assert line.waiting_on(MONDAY) == [second, third]
    assert refusal(lambda: act("call_next", schedule=schedule()))[:2] == (409, "Busy")
    assert refusal(lambda: act("close_counter"))[:2] == (409, "Busy")
    act("recall", minutes=1)
    assert first.recalls == 1
    assert refusal(lambda: act("no_show", minutes=2)) == (409, "Grace", "Patientez encore 1 min avant de déclarer ce ticket absent.")
    act("no_show", minutes=3)
    assert (first.status, store.counter_state("uid-desk", "g1").current) == ("missed", None)
    act("call_next", minutes=3, schedule=schedule())
    act("finish", minutes=15)
    assert (second.status, second.email, second.minutes_served()) == ("done", None, 12.0)
    assert line.samples(MONDAY, "C") == [12.0]
    assert [event for _when, event, *_rest in second.history] == ["taken", "called", "done"]


def test_two_counters_never_call_the_same_ticket(line):
    act("open_counter"), act("open_counter", code="g2")
    called = [act("call_next", code=code, schedule=schedule()).item for code in ("g1", "g2")]
    assert [ticket.label for ticket in called] == ["C001", "C002"]


def test_priority_and_transfer_keep_the_rules(line):
    first, second, third = line.waiting_on(MONDAY)
    assert refusal(lambda: counters.prioritize(DESK, third.code, "vip", "agent", NOW))[:2] == (400, "BadPriority")
    counters.prioritize(DESK, third.code, "disability", "agent", NOW)
    assert line.waiting_on(MONDAY) == [third, first, second]
    act("open_counter", code="g2")
    act("call_next", code="g2", schedule=schedule())
    moved = act("transfer", code="g2", queue="uid-queue", prefix="P")
    assert (moved, moved.prefix, moved.status, moved.label) == (third, "P", "waiting", "C003")
    assert line.waiting_on(MONDAY)[0] is third  # it keeps its place (priority, queue time)
    act("call_next", code="g2", schedule=schedule())  # g2 serves C only: not the passport now
    assert store.counter_state("uid-desk", "g2").current == ("ticket", first.code)


def test_an_arrived_appointment_of_the_counter_comes_first(line):
    book = appointments.book_of("uid-agenda", create=True)
    booking = book.reserve(
        agenda_rules(min_lead_hours=0), schedule(), "depot", at(MONDAY, 9, 10), appointments.Person("Y", "y@example.org"), "online", now=NOW
    )
    book.set_status(booking.code, "arrived", "agent", now=NOW)
    counter = booking.counter
    act("open_counter", code=counter)
    choice = act("call_next", code=counter, schedule=schedule())
    assert (choice.kind, choice.item) == ("booking", booking)
    act("finish", code=counter, minutes=20)
    assert booking.status == "done"
    forecast = DeskForecast("uid-desk", DESK, schedule(), NOW)
    assert [forecast.of(ticket).position for ticket in line.waiting_on(MONDAY)] == [1, 2, 3]
    assert forecast.new_ticket(RULES, "C").position == 4
    assert MADAME.email == line.waiting_on(MONDAY)[0].email
