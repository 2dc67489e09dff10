"""What the @bookings services share: the path's booking code, the link's token, the
caller's standing (staff or citizen), the checks of a booking's body, the answer.

Paths: ``@bookings`` (POST: book), ``@bookings/<code>`` (GET, PATCH: move, DELETE:
cancel), ``@bookings/<code>/status`` (POST: a counter's mark, api/booking_status.py,
part agents). The citizen shows the link's token (``?token=``); a forged token, a
token of another booking and an unknown code read the same (404), an expired one is a
410 (the appointment has started), a token of a moved booking's former time too (a
moved booking gets a new link). Staff with MANAGE_APPOINTMENTS need no token.
"""

from datetime import datetime
from guichet_kb import _
from guichet_kb.api.guard.dates import EARLIEST
from guichet_kb.api.guard.dates import LATEST
from guichet_kb.api.guard.errors import error_body
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import CSRF_TOKEN
from guichet_kb.api.guard.service import PathService
from guichet_kb.appointments import codes
from guichet_kb.appointments import store
from guichet_kb.appointments.describe import booking_json
from guichet_kb.appointments.describe import slot_json
from guichet_kb.appointments.errors import BookingRefused
from guichet_kb.appointments.links import link_of
from guichet_kb.facts import BOOKING_FLOOD_LIMIT
from guichet_kb.facts import BOOKING_FLOOD_SECONDS
from guichet_kb.permissions import MANAGE_APPOINTMENTS
from guichet_kb.protection.clients import flood_allowed
from plone import api
import transaction
from zope.security import checkPermission


FLOOD_BUCKET = "bookings"
NO_BOOKING = _("error_booking_link", default="No booking matches this link: check the address in your e-mail, or the code.")
EXPIRED = _("error_booking_link_expired", default="This link has expired: the appointment has started or was moved (use the latest e-mail's link).")


def answer(booking, token=None, link=None):
    """The booking's JSON, with its new link when one was made (a booking, a move)."""
    body = booking_json(booking)
    if token is not None:
        body.update({"token": token, "links": {"manage": link}})
    return body


class BookingService(PathService):
    """A @bookings service taking the rest of the path as parameters."""

    staff_permission = MANAGE_APPOINTMENTS

    def staff(self):
        return not api.user.is_anonymous() and bool(checkPermission(self.staff_permission, self.context))

    def check_csrf(self):
        # Staff write from a cookie session with the console's token; a citizen has no
        # credentials to forge (and is rate-limited instead).
        self.csrf = CSRF_TOKEN if self.staff() else CSRF_OFF
        super().check_csrf()

    def flood_check(self):
        if not self.staff() and not flood_allowed(self.request, FLOOD_BUCKET, BOOKING_FLOOD_LIMIT, BOOKING_FLOOD_SECONDS):
            raise Refused(429, _("error_booking_flood", default="Too many bookings from this connection: try again in a few minutes."))

    def code(self):
        """The path's code as stored ("ABCD-EFGH"), else 404."""
        if len(self.params) != 1:
            raise Refused(404, NO_BOOKING)
        code = codes.normalise(self.params[0])
        if code is None:
            raise Refused(404, NO_BOOKING)
        return code

    def booking(self):
        """(agenda, booking) the caller may act on: staff, or the holder of its current link."""
        code = self.code()
        form = self.request.form
        token = form.get("token")
        if set(form) - {"token"} or isinstance(token, list):
            raise Refused(400, _("error_booking_parameters", default="@bookings/<code> takes one parameter: token."))
        if token is None and self.staff():
            agenda, booking = store.find(code)
            if booking is None:
                raise Refused(404, NO_BOOKING)
            return agenda, booking
        agenda, booking = store.find(code)
        if booking is None or not isinstance(token, str):
            raise Refused(404, NO_BOOKING)
        try:
            codes.read_link(token, code, booking.start)
        except codes.BadLink:
            raise Refused(404, NO_BOOKING) from None
        except codes.ExpiredLink:
            raise Refused(410, EXPIRED) from None
        return agenda, booking

    def refusal(self, refused):
        """A store's refusal as the answer: its status, error and the next free slots."""
        transaction.doom()
        self.request.response.setStatus(refused.status)
        return {**error_body(refused.status, refused.message, self.request), "slots": [slot_json(slot) for slot in refused.slots or ()]}


def parse_start(value):
    """An ISO 8601 date and time with its offset (aware), else 400."""
    message = _("error_booking_start", default="'start' must be an ISO 8601 date and time with its offset, e.g. 2026-12-03T09:20:00+01:00.")
    try:
        start = datetime.fromisoformat(value) if isinstance(value, str) and len(value) <= 40 else None
    except ValueError:
        start = None
    if start is None or start.tzinfo is None or start.utcoffset() is None or not EARLIEST <= start.date() <= LATEST:
        raise Refused(400, message)  # out of range: a shift to the portal's zone could overflow
    return start


__all__ = ["BookingRefused", "BookingService", "answer", "link_of", "parse_start"]
