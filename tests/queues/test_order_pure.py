"""Who a counter calls next (queues/order.py)."""

from ..appointments.core_helpers import at
from ..appointments.core_helpers import MONDAY
from collections import namedtuple
from datetime import timedelta
from guichet_kb.queues.order import choose


NOW = at(MONDAY, 10)
Arrived = namedtuple("Arrived", "code start")


class Waiting:
    def __init__(self, code, minutes_ago, priority=None, number=1):
        self.code, self.priority, self.number = code, priority, number
        self.order = NOW - timedelta(minutes=minutes_ago)

    def rank(self):
        return (0 if self.priority else 1, int(self.order.timestamp() * 1_000_000), self.number)


def pick(tickets, arrived, minutes=10):
    choice = choose(NOW, tickets, arrived, lambda ticket: minutes)
    return None if choice is None else (choice.kind, choice.item.code)


def test_tickets_by_priority_then_queue_time():
    tickets = [Waiting("late", 5, number=3), Waiting("early", 20, number=1), Waiting("prio", 1, "pregnancy", number=4)]
    assert pick(tickets, []) == ("ticket", "prio")
    assert pick(tickets[:2], []) == ("ticket", "early")


def test_an_arrived_appointment_at_its_time_goes_before_the_tickets():
    soon = Arrived("rdv", NOW + timedelta(minutes=8))
    assert pick([Waiting("t", 30)], [soon], minutes=10) == ("booking", "rdv")  # a 10-minute ticket would make it late
    assert pick([Waiting("t", 30)], [soon], minutes=5) == ("ticket", "t")  # a 5-minute one fits before
    assert pick([], [Arrived("early", NOW + timedelta(hours=1))]) == ("booking", "early")  # nobody else waits
    assert pick([], []) is None
