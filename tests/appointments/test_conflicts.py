"""No double booking across processes: the ZODB refuses to merge two bookings of one cell.

Two connections to one FileStorage stand for two Zope instances: each books in its
own transaction, then both commit. Bookings of different slots merge (BTrees
conflict resolution); bookings of a common cell do not: the second commit raises a
ConflictError (Zope would retry it and the retry would see the cell taken).
"""

from .core_helpers import at
from .core_helpers import MONDAY
from .core_helpers import rules
from .core_helpers import schedule
from guichet_kb.appointments import store
from guichet_kb.appointments.errors import BookingRefused
import pytest
import transaction
import ZODB
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError


NOW = at(MONDAY, 7)


@pytest.fixture
def two_instances(tmp_path, monkeypatch):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as connection:
        connection.root()["bookings"] = bookings = store.Bookings()
        bookings.books["uid-agenda"] = store.Book("uid-agenda")
    managers = [transaction.TransactionManager() for _n in range(2)]
    connections = [db.open(manager) for manager in managers]
    current = {}
    monkeypatch.setattr(store, "root", lambda create=False: current["root"])

    def book(index, start, email, type_code="depot"):
        current["root"] = connections[index].root()["bookings"]
        return current["root"].books["uid-agenda"].reserve(rules(), schedule(), type_code, start, store.Person("P", email), "online", now=NOW)

    yield book, managers, connections
    for manager in managers:
        manager.abort()
    db.close()


def counts(connection):
    book = connection.root()["bookings"].books["uid-agenda"]
    return len(book.bookings), len(book.cells)


def test_two_bookings_of_different_slots_merge(two_instances):
    book, managers, connections = two_instances
    book(0, at(MONDAY, 9, 10), "a@example.org")
    book(1, at(MONDAY, 9, 30), "b@example.org")
    managers[0].commit()
    managers[1].commit()
    managers[0].begin()
    assert counts(connections[0]) == (2, 8)


def test_two_bookings_of_one_cell_cannot_both_commit(two_instances):
    book, managers, connections = two_instances
    first = book(0, at(MONDAY, 9, 10), "a@example.org", "retrait")  # g2, 09:10-09:15
    second = book(1, at(MONDAY, 9, 10), "b@example.org", "retrait")  # the same cell, seen free
    assert (first.counter, second.counter) == ("g2", "g2")
    managers[0].commit()
    with pytest.raises(ConflictError):
        managers[1].commit()
    managers[1].abort()
    managers[0].begin()
    assert counts(connections[0]) == (1, 1)


def test_a_retry_after_the_conflict_gets_409(two_instances):
    book, managers, connections = two_instances
    book(0, at(MONDAY, 9, 10), "a@example.org", "retrait")
    book(1, at(MONDAY, 9, 10), "b@example.org", "retrait")
    managers[0].commit()
    with pytest.raises(ConflictError):
        managers[1].commit()
    managers[1].abort()
    with pytest.raises(BookingRefused) as caught:
        book(1, at(MONDAY, 9, 10), "b@example.org", "retrait")
    assert caught.value.status == 409 and caught.value.slots[0].start == at(MONDAY, 9, 15)
    managers[0].begin()
    assert counts(connections[0]) == (1, 1)
