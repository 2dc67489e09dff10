"""12 citizens taking tickets at once over real HTTP get 12 distinct, consecutive numbers:
each number is a claim key of the day, two takes of one number conflict at commit and
Zope's retry of the second takes the next. The store holds what the answers say."""

from guichet_kb import clock
from guichet_kb import ratelimit
import pytest
from race_helpers import all_at_once
from ticket_helpers import MONDAY_10AM
from ticket_helpers import QUEUE
from ticket_helpers import queueable


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

    users = [None, "agent", "borne"]  # 4 citizens (under the 5 per client), 4 for agents, 4 at the kiosk
    with clock.frozen(MONDAY_10AM):  # frozen before the threads start and after they end
        answers, retried = all_at_once(rest, f"{site}/@queue-tickets", [{"queue": queue.UID()}] * CALLERS, users)
    assert [answer.status_code for answer in answers] == [201] * CALLERS, [answer.text for answer in answers if answer.status_code != 201]
    numbers = sorted(answer.json()["number"] for answer in answers)
    assert numbers == [f"E{index:03d}" for index in range(1, CALLERS + 1)]
    assert len({answer.json()["code"] for answer in answers}) == CALLERS
    transaction.begin()
    stored = store.line_of(queue).day(MONDAY_10AM.date())
    assert sorted(ticket.label for ticket in stored) == numbers
    assert set(retried) <= {"ConflictError", "ReadConflictError"}
