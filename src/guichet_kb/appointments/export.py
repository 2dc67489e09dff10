"""The managers' export of appointments (GET @appointments-export, the CLI's
`appointments-export`, the link of @@rendez-vous-du-jour): one row per booking whose
appointment starts in a period, cancelled ones included, in time order.

What a row says is what a manager counts: the day and times, the desk, agenda, type,
sheet and counter, the status, the channel, the day it was booked, the lead time in
whole hours and whether it was moved. Never the name, the e-mail address, the phone,
the booking code nor the agent's id: a code, or a name, beside the counters' day view
would tell who came. Nothing is kept: the rows are read from the agendas' books
(store.py) on each request, and nothing is written.

An item the caller may not see (visibility.visible_brains: an unpublished or deleted
desk, sheet or agenda) keeps its row and figures under a neutral label, like the
dashboard's hidden items; the type and counter labels of a hidden agenda too.
"""

from datetime import timedelta
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.appointments import slots
from guichet_kb.appointments.day import CHANNEL_TITLES
from guichet_kb.appointments.figures import lead_hours
from guichet_kb.appointments.marking import STATUS_TITLES
from guichet_kb.dashboard.labels import HIDDEN
from guichet_kb.visibility import visible_brains
from zope.i18n import translate


COLUMNS = (
    ("date", _("appointments_export_col_date", default="Date")),
    ("start", _("appointments_export_col_start", default="Start")),
    ("end", _("appointments_export_col_end", default="End")),
    ("desk", _("appointments_export_col_desk", default="Desk")),
    ("agenda", _("appointments_export_col_agenda", default="Agenda")),
    ("type", _("appointments_export_col_type", default="Appointment type")),
    ("service", _("appointments_export_col_service", default="Sheet")),
    ("counter", _("appointments_export_col_counter", default="Counter")),
    ("status", _("appointments_export_col_status", default="Status")),
    ("channel", _("appointments_export_col_channel", default="Channel")),
    ("booked_on", _("appointments_export_col_booked_on", default="Booked on")),
    ("lead_hours", _("appointments_export_col_lead_hours", default="Lead time (hours)")),
    ("moved", _("appointments_export_col_moved", default="Moved")),
)
YES, NO = _("appointments_export_yes", default="yes"), _("appointments_export_no", default="no")


def filename(first, last):
    return f"rendez-vous-{first.isoformat()}-{last.isoformat()}.csv"


def bookings(first, last, desk=None):
    """(agenda UID, Booking) of every book whose appointment starts between the local days
    `first` and `last` (both included), cancelled ones too, at the desk `desk` (UID) if
    given, by start then agenda then counter."""
    from guichet_kb.appointments import store

    start, end = slots.at(first, 0), slots.at(last + timedelta(days=1), 0)
    found = []
    for book in store.books():
        for booking in book.between(start, end) + book.cancelled_between(start, end):
            if desk is None or booking.desk == desk:
                found.append((book.agenda, booking))
    return sorted(found, key=lambda pair: (pair[1].start, pair[0], pair[1].counter))


def _rules(uids):
    from guichet_kb.appointments.agendas import rules_of
    from plone.app.uuid.utils import uuidToObject

    found = {}
    for uid in uids:
        agenda = uuidToObject(uid, unrestricted=True)
        found[uid] = rules_of(agenda) if agenda is not None else None
    return found


def _moved(booking):
    return any(status == "moved" for _when, status, _who in booking.history)


def rows(first, last, request, desk=None):
    """The export's rows: [{column id: cell}] (texts in the request's language)."""
    pairs = bookings(first, last, desk)
    agendas = sorted({uid for uid, _booking in pairs})
    rules = _rules(agendas)
    seen = visible_brains([*agendas, *(b.desk for _uid, b in pairs), *(b.service for _uid, b in pairs)])
    hidden = translate(HIDDEN, context=request)

    def title(uid):
        brain = seen.get(uid) if uid else None
        return brain.Title if brain is not None else ("" if not uid else hidden)

    found = []
    for uid, booking in pairs:
        agenda = rules.get(uid) if uid in seen else None
        kind = agenda.type(booking.type) if agenda is not None else None
        counter = agenda.counter(booking.counter) if agenda is not None else None
        start, end = clock.local(booking.start), clock.local(booking.end)
        found.append(
            {
                "date": start.date().isoformat(),
                "start": start.strftime("%H:%M"),
                "end": end.strftime("%H:%M"),
                "desk": title(booking.desk),
                "agenda": title(uid),
                "type": (kind.label if kind is not None else booking.type) if uid in seen else hidden,
                "service": title(booking.service),
                "counter": (counter.label if counter is not None else booking.counter) if uid in seen else hidden,
                "status": translate(STATUS_TITLES.get(booking.status, booking.status), context=request),
                "channel": translate(CHANNEL_TITLES.get(booking.channel, booking.channel), context=request),
                "booked_on": clock.local(booking.created).date().isoformat(),
                "lead_hours": lead_hours(booking),
                "moved": translate(YES if _moved(booking) else NO, context=request),
            }
        )
    return found


def columns(request):
    return [{"id": name, "title": translate(title, context=request)} for name, title in COLUMNS]
