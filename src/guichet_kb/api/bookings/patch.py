"""PATCH @bookings/<code>?token=… {"start"[, "type"]}: move the booking.

Only a booking still "booked" and not yet started moves (the store: 409 otherwise). The
store frees the old cells and takes the new ones in one transaction (a taken slot: 409
with the next free ones, and the booking stays where it was); another type of the agenda
may be given. The answer carries the new link (the old one no longer works: 410) and the
"moved" e-mail leaves after the commit. Citizens are rate-limited as when booking.
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.bookings.base import answer
from guichet_kb.api.bookings.base import BookingRefused
from guichet_kb.api.bookings.base import BookingService
from guichet_kb.api.bookings.base import link_of
from guichet_kb.api.bookings.base import parse_start
from guichet_kb.api.guard.errors import Refused
from guichet_kb.appointments import mail
from guichet_kb.appointments import store
from guichet_kb.appointments.agendas import desk_of
from guichet_kb.appointments.agendas import rules_of


class BookingPatch(BookingService):
    def reply(self):
        self.flood_check()
        agenda, booking = self.booking()
        data = self.json_body()
        if set(data) - {"start", "type"} or "start" not in data:
            raise Refused(400, _("error_booking_move_body", default='Expected a JSON object {"start"[, "type"]}.'))
        start = parse_start(data["start"])
        desk = desk_of(agenda) if agenda is not None else None
        if desk is None:  # the agenda's desk is no longer public: nothing to move to
            raise Refused(409, _("error_booking_unbookable", default="This agenda takes no bookings any more: call the desk."))
        try:
            booking = store.book_of(agenda).move(booking.code, start, rules_of(agenda), desk.schedule(), type_code=data.get("type"), now=clock.now())
        except BookingRefused as refused:
            return self.refusal(refused)
        token, link = link_of(booking)
        mail.send("moved", booking, link)
        return answer(booking, token, link)
