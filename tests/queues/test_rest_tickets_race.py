"""12 citizens taking tickets at once over real HTTP get 12 distinct, consecutive numbers:
each number is a claim key of the day, two takes of one number conflict at commit and
Zope's retry of the second takes the next. The store holds what the answers say."""

from guichet_kb import clock
from guichet_kb import ratelimit
import pytest
import threading
from ticket_helpers import MONDAY_10AM
from ticket_helpers import QUEUE
from ticket_helpers import queueable
from zope.component import getGlobalSiteManager
from ZPublisher.interfaces import IPubFailure


CALLERS = 12


@pytest.fixture
def queue(catalogue):
    from guichet_kb.queues import store
    import transaction

    ratelimit.clear()
    found = queueable(catalogue)[QUEUE]
    store.line_of(found, create=True)  # the line made beforehand, as after a first ticket
    transaction.commit()
    return found


def test_twelve_at_once_get_twelve_consecutive_numbers(queue, site, rest):
    from guichet_kb.queues import store
    import transaction

    barrier, answers, retried, lock = threading.Barrier(CALLERS, timeout=30), [None] * CALLERS, [], threading.Lock()
    users = [None, "agent", "borne"]  # citizens (5 per client: several clients), an agent, the kiosk

    def on_failure(event):
        if event.retry:
            with lock:
                retried.append(type(event.exc_info[1]).__name__)

    def take(index):
        session = rest(users[index % len(users)])
        barrier.wait()
        answers[index] = session.post(f"{site}/@queue-tickets", json={"queue": queue.UID()}, timeout=60)

    getGlobalSiteManager().registerHandler(on_failure, (IPubFailure,))
    try:
        with clock.frozen(MONDAY_10AM):  # frozen before the threads start and after they end
            threads = [threading.Thread(target=take, args=(index,)) for index in range(CALLERS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(90)
    finally:
        getGlobalSiteManager().unregisterHandler(on_failure, (IPubFailure,))
    assert [answer.status_code for answer in answers] == [201] * CALLERS, [answer.text for answer in answers if answer.status_code != 201]
    numbers = sorted(answer.json()["number"] for answer in answers)
    assert numbers == [f"E{index:03d}" for index in range(1, CALLERS + 1)]
    assert len({answer.json()["code"] for answer in answers}) == CALLERS
    transaction.begin()
    stored = store.line_of(queue).day(MONDAY_10AM.date())
    assert sorted(ticket.label for ticket in stored) == numbers
    assert set(retried) <= {"ConflictError", "ReadConflictError"}
