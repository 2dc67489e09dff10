"""PATCH @bookings/<code>?token=… {"start"[, "type"]}: move the booking.

Only a booking still "booked" and not yet started moves (409 otherwise); ``type`` may be
given only as the booking's own (another type is another booking: cancel and book
again). The store frees the old cells and takes the new ones in one transaction (a
taken slot: 409 with the next free ones, and the booking stays where it was). The
answer carries the new link (the old one no longer works) and the "moved" e-mail leaves
after the commit. Citizens are rate-limited as when booking.
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


def still_open(booking, now):
    if booking.status != "booked" or booking.start <= now:
        raise Refused(
            409, _("error_booking_closed", default="This booking can no longer be changed: it is past, cancelled or already handled at the desk.")
        )


class BookingPatch(BookingService):
    def reply(self):
        self.flood_check()
        agenda, booking = self.booking()
        data = self.json_body()
        if set(data) - {"start", "type"} or "start" not in data:
            raise Refused(400, _("error_booking_move_body", default='Expected a JSON object {"start"[, "type"]}.'))
        if data.get("type", booking.type) != booking.type:
            raise Refused(400, _("error_booking_move_type", default="A booking keeps its type: cancel it and book the other type."))
        start = parse_start(data["start"])
        now = clock.now()
        still_open(booking, now)
        desk = desk_of(agenda)
        if desk is None:
            raise Refused(
                409, _("error_booking_closed", default="This booking can no longer be changed: it is past, cancelled or already handled at the desk.")
            )
        try:
            booking = store.book_of(agenda).move(booking.code, start, rules_of(agenda), desk.schedule(), now=now)
        except BookingRefused as refused:
            return self.refusal(refused)
        token, link = link_of(booking)
        mail.send("moved", booking, link)
        return answer(booking, token, link)
