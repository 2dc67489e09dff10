"""GET @bookings/<code>?token=…: the booking behind its link (staff: no token needed).

Reads only. Never the e-mail address nor the phone (appointments/describe.py).
"""

from guichet_kb.api.bookings.base import answer
from guichet_kb.api.bookings.base import BookingService


class BookingGet(BookingService):
    def reply(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        _agenda, booking = self.booking()
        return answer(booking)
