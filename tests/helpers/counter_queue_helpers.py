"""The counters' tests (issue 19, part counters): the queue of ticket_helpers.queueable
with two services (E: the first sheet, 10 min; R: the other, 5 min) and its counters
poste-1 and poste-2, and tickets taken in process as the site would take them."""

from catalogue_factory import queue_service
from ticket_helpers import DESK
from ticket_helpers import OTHER_SHEET
from ticket_helpers import QUEUE
from ticket_helpers import queueable
from ticket_helpers import SHEET


def two_services(catalogue):
    """{id: object} of the queue's items (ticket_helpers' ids), the queue serving E and R."""
    return queueable(catalogue, services=[queue_service(SHEET, "E", 10), queue_service(OTHER_SHEET, "R", 5)])


def take(items, prefixes, now, channel="online", contact=None, agent=None):
    """A ticket per prefix taken at ``now`` (no contact unless given), not committed; the tickets."""
    from guichet_kb.queues.lines import rules_of
    from guichet_kb.queues.taking import take_ticket
    from guichet_kb.queues.ticket import Contact

    rules = rules_of(items[QUEUE])
    schedule = items[DESK].schedule()
    return [take_ticket(rules, [rules], schedule, prefix, contact or Contact(), channel, agent=agent, now=now) for prefix in prefixes]
