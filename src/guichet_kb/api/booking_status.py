"""POST @bookings/<code>/status {"status": "arrived"|"no_show"|"done"}: a counter's mark.

`status_reply(service, code, data)` does the work; the `@bookings`
traversal calls it for `<code>/status` (`service`: the GuichetService answering, for
its context and request, with `csrf = CSRF_TOKEN` so that plone.protect leaves the
decision to it; `data`: the parsed JSON body). Staff with
MANAGE_APPOINTMENTS (401 anonymous, 403 other staff); a cookie session sends
plone.protect's token like the console's other writes (403 without it). The rules
are appointments/marking.py's (the day has come, done after arrived, nothing on a
cancelled booking); the store writes the status with who and when
(`Book.set_status`), the history keeps every mark. A second click with the same
status writes nothing and answers the same. The answer is the booking as the
counters' day view shows it (appointments/day.py: never e-mail or phone).
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.guard.errors import Refused
from guichet_kb.appointments import codes
from guichet_kb.appointments import day as day_view
from guichet_kb.appointments import marking
from guichet_kb.appointments.errors import BookingRefused
from guichet_kb.permissions import MANAGE_APPOINTMENTS
from plone import api
from plone.protect.authenticator import check as check_token
from zExceptions import Forbidden
from zope.security import checkPermission


FIELDS = frozenset({"status"})


def refused(error):
    """A store's or a rule's BookingRefused as the REST layer's Refused."""
    return Refused(error.status, error.message, type=error.kind if error.kind != "BookingRefused" else None)


def check_caller(service):
    """401 anonymous, 403 without MANAGE_APPOINTMENTS, 403 a cookie session without the token."""
    if api.user.is_anonymous():
        raise Refused(401, _("error_login_required", default="Log in first (staff only)."))
    if not checkPermission(MANAGE_APPOINTMENTS, service.context):
        raise Refused(403, _("error_not_allowed", default="Your account is not allowed to do this."))
    request = service.request
    if getattr(request, "_auth", None):  # Basic or token authentication: not forgeable by another site
        return
    try:  # a cookie session (the console, the day view's script) sends the page's token
        check_token(request)
    except Forbidden:
        raise Refused(403, _("error_csrf", default="Reload the page: its security token is missing or expired.")) from None


def mark(agenda, booking, status, who, now=None):
    """Write `status` on the booking when the rules allow it (BookingRefused else)."""
    from guichet_kb.appointments import store

    if marking.check(booking, status, now):
        booking = store.book_of(agenda).set_status(booking.code, status, who, now=now)
    return booking


def status_reply(service, code, data):
    from guichet_kb.appointments import store
    from guichet_kb.appointments.agendas import rules_of

    check_caller(service)
    if not isinstance(data, dict) or set(data) - FIELDS or "status" not in data:
        raise Refused(400, _("error_booking_status_body", default='Expected a JSON object {"status": "arrived" | "no_show" | "done"}.'))
    code = codes.normalise(code) if isinstance(code, str) else None  # typed "abcd efgh" reads as ABCD-EFGH
    agenda, booking = store.find(code) if code else (None, None)
    if booking is None:
        raise Refused(404, _("error_booking_unknown", default="No booking with this code."))
    now = clock.now()
    try:
        booking = mark(agenda, booking, data["status"], api.user.get_current().getId(), now)
    except BookingRefused as error:
        raise refused(error) from None
    titles = {}
    if booking.service:
        from guichet_kb.visibility import visible_brains

        titles = visible_brains([booking.service])
    return {**day_view.row(booking, rules_of(agenda), titles, service.request, now), "agenda": agenda.UID()}
