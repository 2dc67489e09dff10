"""DELETE @queue-tickets/<code>?token=…: leave the queue.

A waiting ticket is cancelled, its place given back and its contact erased at once
(queues/store.Line.cancel; 409 once it has been called, or has ended). The answer
is the ticket (status "cancelled", contact false). Citizens are rate-limited.
"""

from guichet_kb import clock
from guichet_kb.api.queue_ticket_service import answer
from guichet_kb.api.queue_ticket_service import refused
from guichet_kb.api.queue_ticket_service import TicketService


class TicketDelete(TicketService):
    def reply(self):
        from guichet_kb.queues import store
        from guichet_kb.queues.errors import QueueRefused

        self.flood_check()
        _queue, ticket = self.ticket()
        try:
            ticket = store.line_of(ticket.queue).cancel(ticket.code, now=clock.now())
        except QueueRefused as error:
            raise refused(error) from None
        return answer(ticket, staff=self.staff())
