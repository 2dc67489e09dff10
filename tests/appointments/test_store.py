"""Bookings (appointments/store.py): claims, refusals, moves, cancellations, statuses, purge."""

from .core_helpers import at
from .core_helpers import MONDAY
from .core_helpers import rules
from .core_helpers import schedule
from datetime import timedelta
from guichet_kb.appointments import codes
from guichet_kb.appointments import store
from guichet_kb.appointments.errors import BookingRefused
import pytest
from zope.i18n import translate


NOW = at(MONDAY, 7)
OUTSIDE = "Cet horaire est en dehors des heures d'ouverture de l'agenda ou n'est pas l'un de ses créneaux."
MADAME = store.Person("Madame X", "madame.x@example.org", "06 12 34 56 78")


@pytest.fixture
def book(integration):
    return store.book_of("uid-agenda", create=True)


def refusal(call):
    with pytest.raises(BookingRefused) as caught:
        call()
    return caught.value.status, caught.value.kind, translate(caught.value.message, target_language="fr"), caught.value.slots


def test_reserve_holds_cells_and_indexes_the_code(book):
    booking = book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 10), MADAME, "online", now=NOW)
    assert codes.normalise(booking.code.lower().replace("-", " ")) == booking.code
    assert (booking.counter, booking.status, booking.end) == ("g1", "booked", at(MONDAY, 9, 30))
    assert [book.cells[cell] for cell in booking.cells()] == [booking.code] * 4
    agenda, found = store.find(booking.code)
    assert agenda is None and found is booking  # "uid-agenda" is no content item here
    assert book.day(MONDAY) == [booking]


def test_the_second_booking_of_a_slot_takes_the_other_counter_then_409(book):
    first = book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 10), MADAME, "online", now=NOW)
    second = book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 10), store.Person("B", "b@example.org"), "agent", "agent1", now=NOW)
    assert (first.counter, second.counter) == ("g1", "g2")
    status, kind, message, proposals = refusal(
        lambda: book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 10), store.Person("C", "c@example.org"), "online", now=NOW)
    )
    assert (status, kind, message) == (409, "SlotTaken", "Ce créneau vient d'être pris.")
    assert [s.start for s in proposals][:2] == [at(MONDAY, 9, 30), at(MONDAY, 9, 50)]
    assert len(book.bookings) == 2


@pytest.mark.parametrize(
    ("start", "kind", "message"),
    [
        (at(MONDAY, 6), "Past", "Ce créneau est passé."),
        (at(MONDAY, 8, 30), "TooSoon", "Réservez au moins 2 heures à l'avance."),
        (at(MONDAY + timedelta(days=40), 9, 10), "TooFar", "Réservez au plus 30 jours à l'avance."),
        (at(MONDAY, 12, 10), "OutsideHours", OUTSIDE),
        (at(MONDAY, 9, 15), "OutsideHours", OUTSIDE),
        (
            at(MONDAY + timedelta(days=2), 9, 10),
            "OutsideHours",
            OUTSIDE,
        ),
    ],
)
def test_bad_starts_are_refused_and_nothing_is_written(book, start, kind, message):
    assert refusal(lambda: book.reserve(rules(), schedule(), "depot", start, MADAME, "online", now=NOW))[:3] == (400, kind, message)
    assert (len(book.bookings), len(book.cells), len(book.person_claims)) == (0, 0, 0)


def test_unknown_type(book):
    assert refusal(lambda: book.reserve(rules(), schedule(), "x", at(MONDAY, 9, 10), MADAME, "online", now=NOW))[:2] == (400, "UnknownType")


def test_the_per_person_limit_counts_upcoming_bookings_only(book):
    first = book.reserve(rules(), schedule(), "retrait", at(MONDAY, 9, 10), MADAME, "online", now=NOW)
    book.reserve(rules(), schedule(), "retrait", at(MONDAY, 9, 15), MADAME._replace(email=" Madame.X@Example.org "), "online", now=NOW)
    status, kind, message, _slots = refusal(lambda: book.reserve(rules(), schedule(), "retrait", at(MONDAY, 9, 20), MADAME, "online", now=NOW))
    assert (status, kind) == (409, "PersonLimit")
    assert message == "Cette adresse électronique a déjà 2 rendez-vous à venir ici : annulez-en un d'abord."
    book.cancel(first.code, now=NOW)
    assert book.reserve(rules(), schedule(), "retrait", at(MONDAY, 9, 20), MADAME, "online", now=NOW).status == "booked"


def test_the_daily_capacity(book):
    capped = rules(daily_capacity=2)
    for minute in (10, 15):
        book.reserve(capped, schedule(), "retrait", at(MONDAY, 9, minute), store.Person("P", f"p{minute}@example.org"), "online", now=NOW)
    status, kind, _message, proposals = refusal(
        lambda: book.reserve(capped, schedule(), "retrait", at(MONDAY, 9, 20), store.Person("Q", "q@example.org"), "online", now=NOW)
    )
    assert (status, kind) == (409, "DayFull") and proposals[0].start.date() == MONDAY + timedelta(days=1)


def test_move_frees_the_old_slot_and_keeps_the_code(book):
    booking = book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 10), MADAME, "online", now=NOW)
    old_cells = booking.cells()
    book.move(booking.code, at(MONDAY, 9, 30), rules(), schedule(), now=NOW)
    assert booking.start == at(MONDAY, 9, 30) and not any(cell in book.cells for cell in old_cells[:1])
    assert [book.cells[cell] for cell in booking.cells()] == [booking.code] * 4
    other = book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 10), store.Person("B", "b@example.org"), "online", now=NOW)
    assert other.counter == "g1"


def test_move_onto_a_taken_slot_changes_nothing(book):
    mine = book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 10), MADAME, "online", now=NOW)
    for email in ("b@example.org", "c@example.org"):
        book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 30), store.Person("B", email), "online", now=NOW)
    assert refusal(lambda: book.move(mine.code, at(MONDAY, 9, 30), rules(), schedule(), now=NOW))[:2] == (409, "SlotTaken")
    assert mine.start == at(MONDAY, 9, 10) and [book.cells[cell] for cell in mine.cells()] == [mine.code] * 4


def test_cancel_frees_at_once_and_a_past_booking_cannot_change(book):
    booking = book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 10), MADAME, "online", now=NOW)
    book.cancel(booking.code, "agent1", now=NOW)
    assert booking.status == "cancelled" and not book.cells and book.day(MONDAY) == []
    assert refusal(lambda: book.cancel(booking.code, now=NOW))[:2] == (409, "Closed")
    later = book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 10), MADAME, "online", now=NOW)
    assert refusal(lambda: book.move(later.code, at(MONDAY, 9, 30), rules(), schedule(), now=at(MONDAY, 9, 20)))[:2] == (409, "Closed")


def test_statuses_at_the_counter(book):
    booking = book.reserve(rules(), schedule(), "depot", at(MONDAY + timedelta(days=1), 9, 10), MADAME, "online", now=NOW)
    assert refusal(lambda: book.set_status(booking.code, "arrived", "agent1", now=NOW))[:2] == (409, "NotToday")
    assert refusal(lambda: book.set_status(booking.code, "done", "agent1", now=NOW))[:2] == (409, "BadStatus")
    tuesday = at(MONDAY + timedelta(days=1), 9)
    book.set_status(booking.code, "arrived", "agent1", now=tuesday)
    book.set_status(booking.code, "done", "agent1", now=tuesday)
    assert [entry[1:] for entry in booking.history] == [("booked", None), ("arrived", "agent1"), ("done", "agent1")]
    assert refusal(lambda: book.set_status("ZZZZ-ZZZZ", "done", "agent1", now=tuesday))[:2] == (404, "NotFound")


def test_no_show_keeps_the_slot(book):
    booking = book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 10), MADAME, "online", now=NOW)
    book.set_status(booking.code, "no_show", "agent1", now=at(MONDAY, 9, 40))
    assert [book.cells[cell] for cell in booking.cells()] == [booking.code] * 4


def test_purge_erases_contacts_after_the_end_only(book):
    past = book.reserve(rules(), schedule(), "depot", at(MONDAY, 9, 10), MADAME, "online", now=NOW)
    future = book.reserve(rules(), schedule(), "depot", at(MONDAY + timedelta(days=7), 9, 10), MADAME, "online", now=NOW)
    assert book.purge(at(MONDAY, 9, 29)) == 0
    assert book.purge(at(MONDAY, 9, 30)) == 1
    assert (past.name, past.email, past.phone, past.erased) == (None, None, None, True)
    assert future.email == MADAME.email and len(book.person_claims) == 1
    assert book.purge(at(MONDAY, 10)) == 0


def test_due_reminders(book):
    booking = book.reserve(rules(), schedule(), "depot", at(MONDAY + timedelta(days=2), 10, 20), MADAME, "online", now=NOW)
    assert book.due_reminders(NOW, 48) == []
    assert book.due_reminders(at(MONDAY + timedelta(days=1), 11), 48) == [booking]
    booking.reminded = NOW
    assert book.due_reminders(at(MONDAY + timedelta(days=1), 11), 48) == []
