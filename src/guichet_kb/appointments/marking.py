"""What a counter may mark on a booking: arrived, no-show, done (the counters' day view).

`check(booking, status, now)` returns True when the mark is to be written, False when
the booking already has that status (a second click: nothing to write), and raises
`errors.BookingRefused` otherwise, in this order:

- the status is not one of facts.BOOKING_MARKS: 400;
- the booking was cancelled: 409 (a cancelled booking takes no status; its slot was
  freed when it was cancelled);
- the appointment's day has not come (local day of its start): 409 for every mark, so
  nobody is marked absent, arrived or done in advance;
- the mark does not follow the booking's status (booking.TRANSITIONS, the store's
  rule): done only after arrived; arrived from booked, or from no-show when a caller
  marked absent turns up late; no-show from booked or arrived: 409.

A no-show frees nothing: the store keeps its cells taken (facts.BOOKING_HOLDING_STATUSES),
so the slot is not offered again after its time, and the dashboard counts it.

Nothing personal here: the rule reads the booking's status and start only.
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.appointments.booking import TRANSITIONS
from guichet_kb.appointments.errors import BookingRefused
from guichet_kb.facts import BOOKING_MARKS


STATUS_TITLES = {
    "booked": _("booking_status_booked", default="Booked"),
    "arrived": _("booking_status_arrived", default="Arrived"),
    "no_show": _("booking_status_no_show", default="Absent"),
    "done": _("booking_status_done", default="Done"),
    "cancelled": _("booking_status_cancelled", default="Cancelled"),
}


def check(booking, status, now=None):
    """True: write `status`; False: the booking has it already. BookingRefused else."""
    if status not in BOOKING_MARKS:
        raise BookingRefused(
            400,
            _("error_booking_mark", default="'status' must be one of: ${allowed}.", mapping={"allowed": ", ".join(BOOKING_MARKS)}),
            kind="BadRequest",
        )
    if booking.status == "cancelled":
        raise BookingRefused(409, _("error_booking_mark_cancelled", default="This booking was cancelled: it takes no status."), kind="Conflict")
    now = clock.local(now)
    if clock.local(booking.start).date() > now.date():
        raise BookingRefused(409, _("error_booking_mark_early", default="This appointment is on a later day: mark it on the day."), kind="Conflict")
    if booking.status == status:
        return False
    if status not in TRANSITIONS.get(booking.status, ()):
        raise BookingRefused(
            409,
            _(
                "error_booking_mark_order",
                default="This booking is « ${current} »: it cannot be marked « ${wanted} ».",
                mapping={"current": STATUS_TITLES.get(booking.status, booking.status), "wanted": STATUS_TITLES[status]},
            ),
            kind="Conflict",
        )
    return True
