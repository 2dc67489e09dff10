"""Why a start cannot be booked: the checks before the cells are looked at.

Each check is an early return of a clear refusal (400: the request is wrong, whatever
the others do); what depends on other bookings (the slot taken, the day full: 409)
is the store's. Messages are French through i18n.
"""

from . import slots
from .errors import BookingRefused
from .rules import GRID
from guichet_kb import _
from guichet_kb import clock


def refuse(status, message, found=(), kind="BookingRefused"):
    raise BookingRefused(status, message, found, kind)


def appointment_type(rules, code):
    kind = rules.type(code) if isinstance(code, str) else None
    if kind is None:
        refuse(400, _("error_booking_type", default="This agenda has no appointment type with this code."), kind="UnknownType")
    return kind


def start(rules, schedule, kind, begins, now):
    """Refuse a start that no slot of this type could ever have (past, lead times,
    opening hours, closures, off the type's grid)."""
    if begins.tzinfo is None:
        refuse(400, _("error_booking_naive", default="Give the start with its UTC offset (ISO 8601)."), kind="BadStart")
    if begins.second or begins.microsecond:
        refuse(400, _("error_booking_grid", default="This time is not a slot of this agenda."), kind="BadStart")
    begins = begins.astimezone(clock.zone())
    if begins < now:
        refuse(400, _("error_booking_past", default="This slot is in the past."), kind="Past")
    if begins < slots.earliest(rules, now):
        refuse(
            400,
            _("error_booking_too_soon", default="Book at least ${hours} hours ahead.", mapping={"hours": rules.min_lead_hours}),
            kind="TooSoon",
        )
    if begins.date() > slots.last_day(rules, now):
        refuse(
            400,
            _("error_booking_too_far", default="Book at most ${days} days ahead.", mapping={"days": rules.max_lead_days}),
            kind="TooFar",
        )
    minute = begins.hour * 60 + begins.minute
    frame = slots.frame(rules, schedule, begins.date())
    on_grid = any(opens <= minute <= closes - kind.duration and (minute - opens) % kind.duration == 0 for opens, closes in frame)
    if minute % GRID or not on_grid:
        refuse(400, _("error_booking_hours", default="This time is outside the agenda's opening hours or not one of its slots."), kind="OutsideHours")
    return begins
