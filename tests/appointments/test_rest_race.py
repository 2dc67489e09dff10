"""Concurrent bookings over real HTTP: many callers at once on the last free slot get
exactly one booking (201) and the others a 409 with the next free slots; as many callers
on as many different slots all get theirs. The store holds what the answers say."""

from booking_helpers import AGENDA
from booking_helpers import at
from booking_helpers import body
from booking_helpers import bookable
from booking_helpers import MONDAY
from booking_helpers import MONDAY_8AM
from catalogue_factory import counter
from guichet_kb import clock
from guichet_kb import ratelimit
import pytest
import threading
from zope.component import getGlobalSiteManager
from ZPublisher.interfaces import IPubFailure


CALLERS = 12


@pytest.fixture
def agenda(catalogue):
    """An agenda with one counter, its Book made beforehand (as after a first booking)."""
    from guichet_kb.appointments import store
    import transaction

    ratelimit.clear()
    found = bookable(catalogue, counters=[counter("poste-1")])[AGENDA]
    store.book_of(found, create=True)
    transaction.commit()
    return found


def all_at_once(rest, site, bodies, users):
    """POST every body at the same moment (a barrier), one thread each; (answers, retries)."""
    barrier, answers, retried, lock = threading.Barrier(len(bodies), timeout=30), [None] * len(bodies), [], threading.Lock()

    def on_failure(event):
        if event.retry:
            with lock:
                retried.append(type(event.exc_info[1]).__name__)

    def book(index):
        session = rest(users[index % len(users)])
        barrier.wait()
        answers[index] = session.post(f"{site}/@bookings", json=bodies[index], timeout=60)

    getGlobalSiteManager().registerHandler(on_failure, (IPubFailure,))
    try:
        threads = [threading.Thread(target=book, args=(index,)) for index in range(len(bodies))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(90)
    finally:
        getGlobalSiteManager().unregisterHandler(on_failure, (IPubFailure,))
    return answers, retried


def stored(agenda):
    from guichet_kb.appointments import store
    import transaction

    transaction.begin()
    return sorted((booking.start, booking.email) for booking in store.book_of(agenda).bookings.values())


def test_many_callers_on_one_slot_get_exactly_one_booking(agenda, site, rest, inbox, monkeypatch):
    start = at(MONDAY, 10, 20)
    bodies = [body(agenda.UID(), start, index) for index in range(CALLERS)]
    with clock.frozen(MONDAY_8AM):
        # citizens and agents together; anonymous callers all come from 127.0.0.1
        monkeypatch.setattr("guichet_kb.api.bookings.base.BOOKING_FLOOD_LIMIT", 10 * CALLERS)
        answers, retried = all_at_once(rest, site, bodies, [None, "agent"])
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [201] + [409] * (CALLERS - 1), [answer.text for answer in answers if answer.status_code not in (201, 409)]
    winner = next(answer.json() for answer in answers if answer.status_code == 201)
    for answer in answers:
        if answer.status_code == 409:
            assert answer.json()["error"]["message"] == "Ce créneau vient d'être pris."
            assert answer.json()["slots"][0]["start"] == at(MONDAY, 10, 40).isoformat()
    [(when, email)] = stored(agenda)
    assert when == start and email == f"camille{int(winner['name'].rsplit(' ', 1)[1])}@example.org"
    print(f"\n{CALLERS} callers on one slot: 1 booked, {CALLERS - 1} refused; {len(retried)} retries ({set(retried)})")


def test_as_many_callers_on_as_many_slots_all_get_theirs(agenda, site, rest, inbox):
    starts = [at(MONDAY, 10 + index // 3, 20 * (index % 3)) for index in range(CALLERS)]
    bodies = [body(agenda.UID(), start, index) for index, start in enumerate(starts)]
    with clock.frozen(MONDAY_8AM):
        answers, retried = all_at_once(rest, site, bodies, ["agent"])
    assert [answer.status_code for answer in answers] == [201] * CALLERS, [answer.text for answer in answers if answer.status_code != 201]
    assert [when for when, _email in stored(agenda)] == starts
    assert len({answer.json()["code"] for answer in answers}) == CALLERS
    print(f"\n{CALLERS} callers on {CALLERS} slots: all booked; {len(retried)} retries")
