"""Who a counter calls next: its arrived appointments at their time, tickets in the gaps.

The rule (as NovoSGA states its own: priority, then arrival), at counter C at `now`:

1. an appointment of C whose holder has arrived goes first when its start is no later
   than now + max(QUEUE_EARLY_CALL_MINUTES, the expected service time of the first
   waiting ticket): serving a walk-in first would make the appointment late;
2. else the first waiting ticket of the services C serves: priority tickets first (a
   reason set by an agent: disability, pregnancy, a young child), then by the time it
   queued (a transferred ticket keeps its time, a rejoined one queues again), then number;
3. else an arrived appointment of C even early (nobody else waits); else nobody.

Zope-free: plain objects in, the chosen one out, so the replay bench drives it too.
"""

from collections import namedtuple
from datetime import timedelta
from guichet_kb.facts import QUEUE_EARLY_CALL_MINUTES


Choice = namedtuple("Choice", "kind item")  # kind "ticket" or "booking"


def ticket_key(ticket):
    return ticket.rank()


def choose(now, tickets, arrived, expected_minutes):
    """The next of a counter: `tickets` the waiting tickets it serves (any order),
    `arrived` its arrived appointments not yet served (objects with `.start`),
    `expected_minutes(ticket)` the expected service time of a ticket. A Choice or None."""
    tickets = sorted(tickets, key=ticket_key)
    arrived = sorted(arrived, key=lambda booking: booking.start)
    if arrived:
        lead = max(QUEUE_EARLY_CALL_MINUTES, expected_minutes(tickets[0]) if tickets else 0)
        if arrived[0].start <= now + timedelta(minutes=lead) or not tickets:
            return Choice("booking", arrived[0])
    if tickets:
        return Choice("ticket", tickets[0])
    return None
