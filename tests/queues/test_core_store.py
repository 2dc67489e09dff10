"""Tickets (queues/store.py, taking.py): numbers, refusals, cancel, rejoin, purge."""

from ..appointments.core_helpers import at
from ..appointments.core_helpers import MONDAY
from ..appointments.core_helpers import schedule
from .queue_helpers import MADAME
from .queue_helpers import queue_rules
from datetime import date
from datetime import timedelta
from guichet_kb.queues import store
from guichet_kb.queues.errors import QueueRefused
from guichet_kb.queues.taking import take_ticket
from guichet_kb.queues.ticket import Contact
import pytest
from zope.i18n import translate


NOW = at(MONDAY, 9)


def refusal(call):
    with pytest.raises(QueueRefused) as caught:
        call()
    return caught.value.status, caught.value.kind, translate(caught.value.message, target_language="fr")


def take(rules=None, prefix="C", now=NOW, contact=MADAME):
    rules = rules or queue_rules()
    return take_ticket(rules, [rules], schedule(), prefix, contact, "online", now=now)


def test_numbers_follow_each_other_per_queue_and_day(integration):
    first, second = take(), take(prefix="P")
    assert (first.number, first.label, second.label) == (1, "C001", "P002")
    assert (first.status, first.email, first.service) == ("waiting", "madame.x@example.org", "uid-cni")
    line = store.line_of("uid-queue")
    assert line.waiting_on(MONDAY) == [first, second]
    assert store.find(first.code) == (None, first)
    tomorrow = take(now=NOW + timedelta(days=1))
    assert tomorrow.label == "C001"
    assert line.version() == 3


def test_closed_full_too_late_and_unknown_service_are_refused(integration):
    assert refusal(lambda: take(now=at(MONDAY, 12, 30))) == (409, "Closed", "Le guichet est fermé : la file d'attente rouvre le 2 mars 2026 à 13:30.")
    campaign = queue_rules(opens_on=date(2026, 3, 5), closes_on=date(2026, 3, 6))
    assert refusal(lambda: take(campaign)) == (409, "Closed", "Cette file d'attente ouvre le 5 mars 2026.")
    assert refusal(lambda: take(campaign, now=at(date(2026, 3, 9), 9))) == (409, "Closed", "Cette file d'attente a fermé le 6 mars 2026.")
    assert refusal(lambda: take(prefix="Z")) == (400, "UnknownService", "Cette file d'attente ne sert pas cette démarche.")
    small = queue_rules(daily_capacity=2)
    take(small), take(small)
    assert refusal(lambda: take(small)) == (409, "Full", "Plus de ticket aujourd'hui : la capacité du jour de cette file est atteinte.")
    late, evening = at(MONDAY, 16, 45), queue_rules(queue="uid-late")  # one counter serves 20-minute passports
    take(evening, prefix="P", now=late)
    assert refusal(lambda: take(evening, prefix="P", now=late)) == (
        409,
        "TooLate",
        "Trop de personnes attendent : le guichet ne pourrait pas appeler un nouveau ticket avant sa fermeture aujourd'hui.",
    )
    assert [len(store.line_of(uid).day(MONDAY)) for uid in ("uid-queue", "uid-late")] == [2, 1]  # nothing stored when refused


def test_cancel_gives_the_place_back_and_erases_the_contact(integration):
    small = queue_rules(daily_capacity=1)
    ticket = take(small)
    line = store.line_of("uid-queue")
    line.cancel(ticket.code, now=NOW)
    assert (ticket.status, ticket.email, ticket.erased, line.waiting_on(MONDAY)) == ("cancelled", None, True, [])
    assert take(small).label == "C002"  # a new number, the place given back
    assert refusal(lambda: line.cancel(ticket.code, now=NOW))[:2] == (409, "BadTransition")
    assert refusal(lambda: line.cancel("NOPE-NOPE"))[:2] == (404, "NotFound")


def test_a_missed_ticket_rejoins_once_behind_those_waiting(integration):
    missed, other = take(), take()
    line = store.line_of("uid-queue")
    line.dequeue(missed)
    missed.status = "missed"
    assert refusal(lambda: line.rejoin(other.code, now=NOW))[:2] == (409, "NotMissed")
    line.rejoin(missed.code, now=NOW + timedelta(minutes=5))
    assert line.waiting_on(MONDAY) == [other, missed]
    missed.status = "missed"
    line.dequeue(missed)
    assert refusal(lambda: line.rejoin(missed.code, now=NOW))[:2] == (409, "AlreadyRejoined")


def test_purge_closes_past_days_and_removes_old_tickets(integration):
    old, recent = take(), take(now=NOW + timedelta(days=4), contact=Contact(phone="06 00 00 00 00"))
    line = store.line_of("uid-queue")
    assert line.purge(MONDAY + timedelta(days=5)) == {"erased": 2, "removed": 0}  # the days before today
    assert (old.status, recent.status, recent.phone, line.waiting_on(MONDAY)) == ("missed", "missed", None, [])
    assert line.purge(MONDAY + timedelta(days=5)) == {"erased": 0, "removed": 0}
    assert line.purge(MONDAY + timedelta(days=8)) == {"erased": 0, "removed": 1}  # kept 7 days
    assert store.find(old.code) == (None, None) and store.find(recent.code) == (None, recent)
