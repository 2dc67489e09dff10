"""The reminder e-mail of a booking: once, `reminder_hours` before it starts (agenda rules).

`POST @appointment-reminders` (cron every 15 minutes, `guichet-kb appointment-reminders`;
Site Administrators) calls `send_due()`: every booking still "booked" whose reminder is
due and not sent gets it. `reminded` is set in the transaction that queues the mail and
the mail leaves after the commit, so a reminder goes once whichever instance runs the
job: two racing runs write the same booking, conflict, and Zope's retry of the second
finds it reminded. A booking made inside its reminder window (booked the day before for
a 48-hour reminder) gets none: its confirmation has just said it all. An agenda with
`reminder_hours` 0 sends none. The mail is composed as an anonymous caller would see
the booking (appointments/describe.py), whoever runs the job: never a draft's title.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from contextlib import contextmanager
from datetime import timedelta
from guichet_kb import clock


def _rules(booking):
    from guichet_kb.appointments.agendas import rules_of
    from guichet_kb.appointments.describe import _unrestricted

    agenda = _unrestricted(booking.agenda)
    return rules_of(agenda) if agenda is not None else None


def due_at(booking, rules=None):
    """When the booking's reminder is due, or None when it gets none (sent, not booked,
    no address, no reminder at this agenda, booked inside the window)."""
    if booking.status != "booked" or booking.reminded is not None or booking.erased or not booking.email:
        return None
    rules = rules or _rules(booking)
    hours = rules.reminder_hours if rules is not None else 0
    if not hours:
        return None
    moment = booking.start - timedelta(hours=hours)
    if booking.created is not None and booking.created >= moment:
        return None
    return moment


@contextmanager
def as_anonymous():
    """Run the block with an anonymous caller's rights (the mail's visibility)."""
    previous = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        yield
    finally:
        setSecurityManager(previous)


def books():
    """(agenda object, Book) of every agenda that has bookings (published or not: a
    booking made stays a booking)."""
    from guichet_kb.appointments import store
    from plone.app.uuid.utils import uuidToObject

    found = store.root()
    pairs = ((uuidToObject(uid, unrestricted=True), book) for uid, book in (found.books.items() if found is not None else ()))
    return [(agenda, book) for agenda, book in pairs if agenda is not None]


def send_due(now=None):
    """Queue the due reminders; {"reminders_sent": n}."""
    from guichet_kb.appointments import mail
    from guichet_kb.appointments.agendas import rules_of
    from guichet_kb.appointments.links import link_of

    now = now or clock.now()
    due = []
    for agenda, book in books():
        rules = rules_of(agenda)
        if not rules.reminder_hours:
            continue
        for booking in book.due_reminders(now, rules.reminder_hours):
            moment = due_at(booking, rules)
            if moment is not None and moment <= now:
                booking.reminded = now
                due.append(booking)
    sent = 0
    with as_anonymous():
        for booking in due:
            _token, link = link_of(booking)
            sent += bool(mail.send("reminder", booking, link))
    return {"reminders_sent": sent}
