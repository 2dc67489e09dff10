"""GET @queue-tickets/<code>?token=…: the ticket behind its link (staff: no token needed).

Its number, status, place and estimated wait, its counter once called (queues/describe.py).
Reads only. Never the e-mail address nor the phone. Not cached (private, no-store): the
estimate moves with every call.
"""

from guichet_kb.api.queue_ticket_service import answer
from guichet_kb.api.queue_ticket_service import TicketService


class TicketGet(TicketService):
    def reply(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        _queue, ticket = self.ticket()
        return answer(ticket, staff=self.staff())
