"""POST @queue-tickets {"queue", "service"?, "email"?, "phone"?} -> 201 the ticket;
POST @queue-tickets/<code>/rejoin?token=… -> the ticket, back in the queue.

Taking: anonymous citizens (channel "online"; rate-limited per client,
facts.QUEUE_TICKET_FLOOD_*: 429; no CSRF token, nothing to forge) or accounts with
TAKE_TICKETS (an agent for a caller: channel "agent", the agent's id kept; the desk's
kiosk, role Kiosk: channel "kiosk"; a cookie session sends the page's CSRF token). The
body is checked by api/queue_ticket_body.py (400); the core's refusals (closed, full,
too late for today: 409 with when it opens) store nothing. The answer is the ticket's
JSON with its link's "token" and "links": {"track": public-site URL} (null without a
public site). With an e-mail address the confirmation (queues/notices.py) leaves after
the commit.

Rejoining (queues/store.Line.rejoin): a missed ticket, once, the same day, queued again
at the time it rejoins (409 otherwise). Rate-limited like taking.
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api import queue_ticket_body as body
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.queue_ticket_service import answer
from guichet_kb.api.queue_ticket_service import refused
from guichet_kb.api.queue_ticket_service import TicketService
from guichet_kb.permissions import TAKE_TICKETS
from guichet_kb.queues import links
from guichet_kb.queues import notices
from plone import api


KIOSK_ROLE = "Kiosk"


class TicketsPost(TicketService):
    def reply(self):
        if len(self.params) == 2 and self.params[1] == "rejoin":
            return self.rejoin()
        if self.params:
            raise Refused(
                404, _("error_queue_ticket_path", default="POST @queue-tickets takes a ticket; POST @queue-tickets/<code>/rejoin rejoins the queue.")
            )
        self.flood_check()
        queue, rules, prefix, email, phone = body.checked(self.json_body())
        return self.take(queue, rules, prefix, email, phone)

    def channel(self):
        """(channel, agent id or None) of the caller."""
        if not self.holds(TAKE_TICKETS):
            return "online", None
        user = api.user.get_current()
        return ("kiosk" if KIOSK_ROLE in api.user.get_roles(user=user) else "agent"), user.getId()

    def take(self, queue, rules, prefix, email, phone):
        from guichet_kb.queues import lines
        from guichet_kb.queues.errors import QueueRefused
        from guichet_kb.queues.taking import take_ticket
        from guichet_kb.queues.ticket import Contact

        desk = lines.desk_of(queue)
        if desk is None:
            raise Refused(400, body.BAD_QUEUE)
        desk_rules = [lines.rules_of(other) for other in lines.queues_for(desk_uid=rules.desk)]
        channel, agent = self.channel()
        try:
            ticket = take_ticket(rules, desk_rules, desk.schedule(), prefix, Contact(email=email, phone=phone), channel, agent=agent, now=clock.now())
        except QueueRefused as error:
            raise refused(error) from None
        token, link = links.link_of(ticket)
        notices.send_taken(ticket, link)
        self.request.response.setStatus(201)
        return answer(ticket, staff=self.staff(), token=token, link=link)

    def rejoin(self):
        from guichet_kb.queues import store
        from guichet_kb.queues.errors import QueueRefused

        self.flood_check()
        if self.json_body():
            raise Refused(400, _("error_queue_no_body", default="Expected no body, or {}."))
        queue, ticket = self.ticket(length=2)
        try:
            ticket = store.line_of(ticket.queue).rejoin(ticket.code, now=clock.now())
        except QueueRefused as error:
            raise refused(error) from None
        return answer(ticket, staff=self.staff())
