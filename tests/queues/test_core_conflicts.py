"""No number given twice, no ticket called twice, across processes; a restart loses none.

Two connections to one FileStorage stand for two Zope instances (as the bookings' test):
each writes in its own transaction, then both commit. A second commit that cannot be
merged raises ConflictError: Zope retries that request, and the retry sees the new state.
"""

from ..appointments.core_helpers import at
from ..appointments.core_helpers import MONDAY
from .queue_helpers import MADAME
from .queue_helpers import queue_rules
from guichet_kb.queues import counters
from guichet_kb.queues import store
import pytest
import transaction
import ZODB
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError


NOW = at(MONDAY, 9)
RULES = queue_rules()


@pytest.fixture
def instances(tmp_path, monkeypatch):
    path = str(tmp_path / "Data.fs")
    db = ZODB.DB(FileStorage(path))
    with db.transaction() as connection:
        connection.root()["queues"] = queues = store.Queues()
        queues.lines["uid-queue"] = store.Line("uid-queue")
        for code in ("g1", "g2"):
            queues.counters[("uid-desk", code)] = state = store.CounterState("uid-desk", code)
            state.open = True
    managers = [transaction.TransactionManager() for _n in range(2)]
    connections = [db.open(manager) for manager in managers]
    current = {}
    monkeypatch.setattr(store, "root", lambda create=False: current["root"])
    monkeypatch.setattr(counters, "arrived_at", lambda *args, **kwargs: [])
    monkeypatch.setattr(counters, "DeskForecast", lambda *args: type("F", (), {"minutes_of": staticmethod(lambda prefix: 10)}))

    def on(index):
        current["root"] = connections[index].root()["queues"]
        return current["root"].lines["uid-queue"]

    yield on, managers, connections, db, path
    for manager in managers:
        manager.abort()
    db.close()


def test_two_takers_of_one_number_cannot_both_commit_and_the_retry_takes_the_next(instances):
    on, managers, connections, _db, _path = instances
    first = on(0).issue(RULES, "C", MADAME, "online", None, NOW)
    second = on(1).issue(RULES, "C", MADAME, "online", None, NOW)
    assert first.number == second.number == 1
    managers[0].commit()
    with pytest.raises(ConflictError):
        managers[1].commit()
    managers[1].abort()
    on(1).issue(RULES, "P", MADAME, "online", None, NOW)
    managers[1].commit()
    managers[0].begin()
    assert [ticket.label for ticket in on(0).day(MONDAY)] == ["C001", "P002"]


def test_two_agents_calling_at_once_get_two_different_tickets(instances):
    on, managers, connections, _db, _path = instances
    for _n in range(2):
        on(0).issue(RULES, "C", MADAME, "online", None, NOW)
    managers[0].commit()
    managers[1].begin()
    on(0)
    one = counters.call_next([RULES], "uid-desk", "g1", "a1", NOW, None).item
    on(1)
    other = counters.call_next([RULES], "uid-desk", "g2", "a2", NOW, None).item
    assert one.code == other.code  # both saw the same first ticket
    managers[0].commit()
    with pytest.raises(ConflictError):
        managers[1].commit()
    managers[1].abort()
    on(1)
    retried = counters.call_next([RULES], "uid-desk", "g2", "a2", NOW, None).item
    managers[1].commit()
    assert (retried.label, retried.counter) == ("C002", "g2")
    managers[0].begin()
    assert [(ticket.status, ticket.counter) for ticket in on(0).day(MONDAY)] == [("called", "g1"), ("called", "g2")]


def test_a_restart_loses_no_ticket(instances):
    on, managers, connections, db, path = instances
    taken = [on(0).issue(RULES, "C", MADAME, "online", None, NOW).code for _n in range(3)]
    managers[0].commit()
    for manager in managers:
        manager.abort()
    db.close()
    reopened = ZODB.DB(FileStorage(path))
    try:
        with reopened.transaction() as connection:
            line = connection.root()["queues"].lines["uid-queue"]
            assert [ticket.code for ticket in line.waiting_on(MONDAY)] == taken
            assert line.version() == 3
    finally:
        reopened.close()
