"""POST @bookings {"agenda", "type", "start", "name", "email", "phone"?} -> 201 the booking.

Anonymous citizens (channel "online"; rate-limited per client, facts.BOOKING_FLOOD_*:
429; no CSRF token, nothing to forge) or staff with BOOK_APPOINTMENTS booking for a
caller (channel "agent", the agent's id kept; a cookie session sends the console's
CSRF token). The body is checked by body.py (400); the store's refusals (a slot
taken: 409 with "slots", the next free ones; outside hours, past, beyond the lead
times or the per-person limit: their status and message) store nothing. The answer is
the booking's JSON with its link's "token" and "links": {"manage": public-site URL}
(null without a public site). The confirmation e-mail (appointments/mail.py) leaves
after the commit. ``POST @bookings/<code>/status`` is a counter's mark (status.py).
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.bookings import body
from guichet_kb.api.bookings.base import answer
from guichet_kb.api.bookings.base import BookingRefused
from guichet_kb.api.bookings.base import BookingService
from guichet_kb.api.bookings.base import link_of
from guichet_kb.api.guard.errors import Refused
from guichet_kb.appointments import mail
from guichet_kb.appointments import store
from guichet_kb.appointments.agendas import desk_of
from guichet_kb.permissions import BOOK_APPOINTMENTS
from guichet_kb.permissions import MANAGE_APPOINTMENTS
from plone import api


class BookingsPost(BookingService):
    staff_permission = BOOK_APPOINTMENTS

    def reply(self):
        if len(self.params) == 2 and self.params[1] == "status":
            self.staff_permission = MANAGE_APPOINTMENTS
            from guichet_kb.api.bookings.status import status_reply

            return status_reply(self, self.params[0], self.json_body())
        if self.params:
            raise Refused(404, _("error_booking_path", default="POST @bookings books; POST @bookings/<code>/status marks a booking."))
        self.flood_check()
        data = self.json_body()
        agenda, rules, start, person = body.checked(data)
        desk = desk_of(agenda)
        if desk is None:
            raise Refused(400, _("error_booking_agenda", default="'agenda' must be the UID of a published agenda."))
        staff = self.staff()
        agent = api.user.get_current().getId() if staff else None
        try:
            booking = store.book_of(agenda, create=True).reserve(
                rules, desk.schedule(), data["type"], start, person, "agent" if staff else "online", agent=agent, now=clock.now()
            )
        except BookingRefused as refused:
            return self.refusal(refused)
        token, link = link_of(booking)
        mail.send("confirmed", booking, link)
        self.request.response.setStatus(201)
        return answer(booking, token, link)
