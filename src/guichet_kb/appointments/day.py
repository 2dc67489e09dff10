"""The counters' day view: a desk's appointments of one day, one column per counter.

Read by `GET @agenda-day` (api/agenda_day), the Classic UI page @@rendez-vous-du-jour
(browser/appointments_day.py) and the CLI's `agenda-day`: the same rows everywhere.

What a row shows is what the counter needs to receive the caller: the time, the type,
the sheet's title, the booking code, the name, the status and the channel it was booked
through, and the marks the rules allow now (marking.py). Never the e-mail address or the
phone number; after erasure (appointment_retention_days after the appointment) the name
is gone too and the row says so. Nothing is stored by a read.
"""

from datetime import timedelta
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.appointments import marking
from guichet_kb.appointments import slots
from guichet_kb.appointments.errors import BookingRefused
from guichet_kb.facts import BOOKING_MARKS
from guichet_kb.visibility import visible_brains
from zope.i18n import translate


ERASED = _("booking_name_erased", default="(name erased)")
CHANNEL_TITLES = {
    "online": _("booking_channel_online", default="booked online"),
    "agent": _("booking_channel_agent", default="booked by an agent"),
}


def allowed_marks(booking, now):
    """The marks the rules accept now for this booking, in facts.BOOKING_MARKS order."""
    found = []
    for status in BOOKING_MARKS:
        try:
            if marking.check(booking, status, now):
                found.append(status)
        except BookingRefused:
            continue
    return found


def row(booking, rules, titles, request, now):
    """A booking as the counters see it (JSON-ready)."""
    kind = rules.type(booking.type) if rules is not None else None
    start, end = clock.local(booking.start), clock.local(booking.end)
    service = titles.get(booking.service)
    return {
        "code": booking.code,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "time": start.strftime("%H:%M"),
        "type": {
            "code": booking.type,
            "label": kind.label if kind is not None else booking.type,
            "duration": kind.duration if kind is not None else int((end - start).total_seconds() // 60),
        },
        "service": {"uid": booking.service, "title": service.Title if service is not None else ""},
        "counter": booking.counter,
        "name": booking.name if booking.name and not booking.erased else translate(ERASED, context=request),
        "status": booking.status,
        "status_title": translate(marking.STATUS_TITLES.get(booking.status, booking.status), context=request),
        "channel": booking.channel,
        "channel_title": translate(CHANNEL_TITLES.get(booking.channel, booking.channel), context=request),
        "marks": allowed_marks(booking, now),
    }


def with_cancelled(book, day):
    """A Book's bookings of a local day and those cancelled, by start then counter."""
    first = slots.at(day, 0)
    found = book.between(first, first + timedelta(days=1)) + book.cancelled_between(first, first + timedelta(days=1))
    return sorted(found, key=lambda b: (b.start, b.counter))


def _bookings(agenda, day):
    from guichet_kb.appointments import store

    book = store.book_of(agenda)
    return with_cancelled(book, day) if book is not None else []


def columns(agendas, day, request, counter=None, now=None):
    """[{"agenda": {"uid", "title"}, "code", "label", "appointments": [row, ...]}] for the
    agendas' counters (each agenda's in its order; a counter no longer configured but
    holding bookings that day comes after), kept to the counter code `counter` if given."""
    from guichet_kb.appointments.agendas import rules_of

    now = clock.local(now)
    found = []
    for agenda in agendas:
        rules = rules_of(agenda)
        bookings = _bookings(agenda, day)
        titles = visible_brains(sorted({booking.service for booking in bookings if booking.service}))
        codes = [c.code for c in rules.counters] + sorted({b.counter for b in bookings} - {c.code for c in rules.counters})
        for code in codes:
            if counter is not None and code != counter:
                continue
            configured = rules.counter(code)
            found.append(
                {
                    "agenda": {"uid": agenda.UID(), "title": agenda.Title()},
                    "code": code,
                    "label": configured.label if configured is not None else code,
                    "appointments": [row(b, rules, titles, request, now) for b in bookings if b.counter == code],
                }
            )
    return found
