"""What the @queue-tickets services share: the path's ticket code, the link's token, the
caller's standing (staff, kiosk or citizen), the flood limit, the core's refusals, the answer.

Paths: ``@queue-tickets`` (POST: take a ticket), ``@queue-tickets/<code>`` (GET: the
ticket behind its link, DELETE: leave the queue), ``@queue-tickets/<code>/rejoin`` (POST:
back in the queue after a missed call, once, the same day). The citizen shows the
link's token (``?token=``, queues/links.py): a forged token, a token of another ticket
and an unknown code read the same (404), a genuine link of a past day is a 410. Staff
with MANAGE_QUEUES need no token. Anonymous takes, leaves and rejoins are rate-limited
per client (facts.QUEUE_TICKET_FLOOD_*: 429); staff and kiosks taking tickets
(TAKE_TICKETS) are not, and a cookie session sends the console's CSRF token.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import CSRF_TOKEN
from guichet_kb.api.guard.service import PathService
from guichet_kb.appointments import codes
from guichet_kb.facts import QUEUE_TICKET_FLOOD_LIMIT
from guichet_kb.facts import QUEUE_TICKET_FLOOD_SECONDS
from guichet_kb.permissions import MANAGE_QUEUES
from guichet_kb.permissions import TAKE_TICKETS
from guichet_kb.protection.clients import flood_allowed
from guichet_kb.queues import links
from guichet_kb.queues.describe import ticket_json
from plone import api
from zope.security import checkPermission


FLOOD_BUCKET = "queue-tickets"
NO_TICKET = _("error_queue_ticket_link", default="No ticket matches this link: check the address in your e-mail, or ask at the desk.")
EXPIRED = _("error_queue_ticket_expired", default="This ticket was for a day that has ended: take a new ticket.")


def refused(error):
    """A core's QueueRefused as the REST layer's Refused (its status, kind and message)."""
    return Refused(error.status, error.message, type=error.kind)


def answer(ticket, staff=False, token=None, link=None):
    """The ticket's JSON, with its link when one was made (a new ticket)."""
    body = ticket_json(ticket, staff=staff)
    if token is not None:
        body.update({"token": token, "links": {"track": link}})
    return body


class TicketService(PathService):
    """A @queue-tickets service taking the rest of the path as parameters."""

    staff_permission = MANAGE_QUEUES

    def holds(self, permission):
        return not api.user.is_anonymous() and bool(checkPermission(permission, self.context))

    def staff(self):
        return self.holds(self.staff_permission)

    def check_csrf(self):
        # Staff and kiosks write from a cookie session with the page's token; a citizen has
        # no credentials to forge (and is rate-limited instead).
        self.csrf = CSRF_TOKEN if self.holds(TAKE_TICKETS) or self.staff() else CSRF_OFF
        super().check_csrf()

    def flood_check(self):
        if self.holds(TAKE_TICKETS):
            return
        if not flood_allowed(self.request, FLOOD_BUCKET, QUEUE_TICKET_FLOOD_LIMIT, QUEUE_TICKET_FLOOD_SECONDS):
            raise Refused(429, _("error_queue_ticket_flood", default="Too many tickets from this connection: try again in a few minutes."))

    def code(self, length=1):
        """The path's code as stored ("ABCD-EFGH"), else 404."""
        if len(self.params) != length:
            raise Refused(404, NO_TICKET)
        code = codes.normalise(self.params[0])
        if code is None:
            raise Refused(404, NO_TICKET)
        return code

    def ticket(self, length=1):
        """(queue object or None, ticket) the caller may act on: staff, or the holder of its link."""
        from guichet_kb.queues import store

        code = self.code(length)
        form = self.request.form
        token = form.get("token")
        if set(form) - {"token"} or isinstance(token, list):
            raise Refused(400, _("error_queue_ticket_parameters", default="@queue-tickets/<code> takes one parameter: token."))
        queue, ticket = store.find(code)
        if ticket is None:
            raise Refused(404, NO_TICKET)
        if token is None and self.staff():
            return queue, ticket
        if not isinstance(token, str):
            raise Refused(404, NO_TICKET)
        try:
            links.read_token(token, code)
        except links.BadLink:
            raise Refused(404, NO_TICKET) from None
        except links.ExpiredLink:
            raise Refused(410, EXPIRED) from None
        return queue, ticket
