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
from race_helpers import all_at_once


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
        monkeypatch.setattr("guichet_kb.api.booking_service.BOOKING_FLOOD_LIMIT", 10 * CALLERS)
        answers, retried = all_at_once(rest, f"{site}/@bookings", bodies, [None, "agent"])
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
        answers, retried = all_at_once(rest, f"{site}/@bookings", bodies, ["agent"])
    assert [answer.status_code for answer in answers] == [201] * CALLERS, [answer.text for answer in answers if answer.status_code != 201]
    assert [when for when, _email in stored(agenda)] == starts
    assert len({answer.json()["code"] for answer in answers}) == CALLERS
    print(f"\n{CALLERS} callers on {CALLERS} slots: all booked; {len(retried)} retries")
