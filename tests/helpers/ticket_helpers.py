"""A queue of the test's own, the time the ticket tests run at, and the counters' moves.

`queueable(catalogue)` publishes a department, a desk (open every day 09:00-17:00,
1 rue d'Essai, 99000 Ville-Essai), two sheets and a queue at the desk serving the first
(prefix "E", 10 minutes; `services=` for others), counters "poste-1" and "poste-2"
serving every service, unless told. `MONDAY_10AM` is a Monday at 10:00 (portal zone) at
least 8 days ahead of today (after the items' publication: they are effective then):
tests freeze the clock there (`clock.frozen`) around each request, never while the
server serves one. `open_counters` and `call_next` act in process as the counters
part's REST would (the core's queues.counters), and commit.
"""

from booking_helpers import at
from booking_helpers import MONDAY
from catalogue_factory import department
from catalogue_factory import desk
from catalogue_factory import queue
from catalogue_factory import queue_counter
from catalogue_factory import queue_service
from catalogue_factory import sheet


SHEET, OTHER_SHEET, DESK, QUEUE = "fa-essai", "fa-essai-bis", "fa-essai-guichet", "fa-essai-file"
SHEET_TITLE, OTHER_TITLE, DESK_TITLE, QUEUE_TITLE = (
    "Inscription d'essai",
    "Retrait d'essai",
    "Guichet des inscriptions d'essai",
    "File des inscriptions d'essai",
)
ADDRESS = "1 rue d'Essai, 99000 Ville-Essai"
MONDAY_10AM = at(MONDAY, 10, 0)


def queueable(catalogue, services=None, counters=None, extra=(), **queue_fields):
    """{id: object} of the queue's items (ids SHEET, OTHER_SHEET, DESK, QUEUE) and of ``extra``."""
    items = (
        department("fa-essai-service", "Service des inscriptions d'essai"),
        desk(DESK, DESK_TITLE),
        sheet(SHEET, SHEET_TITLE, "fa-essai-service", [DESK]),
        sheet(OTHER_SHEET, OTHER_TITLE, "fa-essai-service", [DESK]),
        queue(
            QUEUE,
            QUEUE_TITLE,
            DESK,
            services or [queue_service(SHEET, "E", 10)],
            counters or [queue_counter("poste-1", label="Poste 1"), queue_counter("poste-2", label="Poste 2")],
            **queue_fields,
        ),
        *extra,
    )
    return catalogue(*items)


def rules_of_desk(queue_obj):
    from guichet_kb.queues.lines import rules_of

    return [rules_of(queue_obj)]


def open_counters(queue_obj, codes, now, agent="agent"):
    """Open these counters of the queue's desk at ``now`` (in process), committed."""
    from guichet_kb.queues import counters
    import transaction

    transaction.begin()  # see what the server committed
    rules = rules_of_desk(queue_obj)
    for code in codes:
        counters.open_counter(rules, rules[0].desk, code, agent, now)
    transaction.commit()


def call_next(queue_obj, code, now, agent="agent"):
    """The next ticket called at counter ``code`` at ``now`` (in process), committed."""
    from guichet_kb.queues import counters
    import transaction

    transaction.begin()  # see what the server committed
    rules = rules_of_desk(queue_obj)
    called = counters.call_next(rules, rules[0].desk, code, agent, now, queue_obj.desk.to_object.schedule())
    transaction.commit()
    return called


def finish(queue_obj, code, now, agent="agent"):
    """The visit at counter ``code`` done at ``now`` (in process), committed."""
    from guichet_kb.queues import counters
    import transaction

    transaction.begin()  # see what the server committed
    rules = rules_of_desk(queue_obj)
    counters.finish(rules, rules[0].desk, code, agent, now)
    transaction.commit()


def count(queue_obj):
    """How many tickets the queue's line holds (every day, every status), read afresh."""
    from guichet_kb.queues import store
    import transaction

    transaction.begin()
    line = store.line_of(queue_obj)
    return len(line.day(MONDAY)) if line is not None else 0


def ticket_mails(inbox, expected, timeout=5):
    """The tickets' e-mails (subjects « Votre ticket », « Bientôt », « C'est votre tour ») once
    ``expected`` have come; the catalogue's review notifications are left out."""
    import time

    deadline = time.time() + timeout
    while True:
        found = [mail for mail in inbox.messages if mail["subject"].startswith(("Votre ticket", "Bientôt votre tour", "C'est votre tour"))]
        if len(found) >= expected or time.time() > deadline:
            return found
        time.sleep(0.05)
