"""The purge of bookings' personal data: `appointment_retention_days` after the end.

One of the nightly jobs (stats/rollup.py DAILY_JOBS, `guichet-kb rollup`): every booking
that ended more than the retention (site setting, control panel; 7 days by default)
ago loses its name, e-mail address and phone (None) and is marked `erased`; what stays
is what the counts need (agenda, desk, service, type, counter, times, status, channel,
the agent's id, the history of statuses). Idempotent: an erased booking is not counted
again (the store remembers how far it erased: `Book.purge`, which reads the cancelled
bookings' index too). The answer says how many were erased this time.
"""

from datetime import timedelta
from guichet_kb import clock
from guichet_kb.facts import APPOINTMENT_RETENTION_DAYS
from guichet_kb.facts import APPOINTMENT_RETENTION_RECORD
from plone import api


def retention_days():
    """The site's setting (control panel), its default where the record is missing."""
    days = api.portal.get_registry_record(APPOINTMENT_RETENTION_RECORD, default=APPOINTMENT_RETENTION_DAYS)
    return days if isinstance(days, int) and days >= 0 else APPOINTMENT_RETENTION_DAYS


def cutoff(now=None):
    """Bookings that ended before this moment are erased."""
    return (now or clock.now()) - timedelta(days=retention_days())


def erase(today=None, now=None):
    """The daily job's hook: erase what is past the retention; {"appointments_erased": n}."""
    from guichet_kb.appointments import store

    limit = cutoff(now)
    erased = 0
    for book in store.books():
        erased += book.purge(limit)
    return {"appointments_erased": erased}
