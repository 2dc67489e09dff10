"""DELETE @bookings/<code>?token=…: cancel the booking; its slot is free again at once.

Only a booking still "booked" and not yet started is cancelled (the store: 409
otherwise). The answer is the booking (status "cancelled"); the "cancelled" e-mail,
with the calendar file that cancels the event, leaves after the commit. Citizens are
rate-limited.
"""

from guichet_kb import clock
from guichet_kb.api.bookings.base import answer
from guichet_kb.api.bookings.base import BookingRefused
from guichet_kb.api.bookings.base import BookingService
from guichet_kb.appointments import mail
from guichet_kb.appointments import store
from plone import api


class BookingDelete(BookingService):
    def reply(self):
        self.flood_check()
        agenda, booking = self.booking()
        who = None if api.user.is_anonymous() else api.user.get_current().getId()
        try:
            booking = store.book_of(booking.agenda).cancel(booking.code, who=who, now=clock.now())
        except BookingRefused as refused:
            return self.refusal(refused)
        mail.send("cancelled", booking)
        return answer(booking)
