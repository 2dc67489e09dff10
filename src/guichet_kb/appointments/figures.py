"""Appointment figures for the dashboard: one local day's bookings as counts.

`day_rows(day)` yields ((desk, service, status, booked_by, lead_hours), 1) for each
booking whose appointment starts that local day, in every agenda's book of the site
(store.books(): the figures count every booking, whoever asks; the panel names only
the items the caller may see). `lead_hours` is the time from the booking to the
appointment, in whole hours. The daily job (stats/rollup.py) stores these counts in the
cubes' measure "appointments" once the day is over, and a query counts today's live
(stats/live.py); nothing personal is read or kept: no name, no contact, no code.

A mark set after its day was rolled up (a no-show marked the day after) is not
counted; the counters mark during the day.
"""

from guichet_kb import clock


def oldest_day():
    """The local day of the earliest appointment of the site's books (cancelled ones
    included), None without any: where the daily job's first run starts, with the other
    raw records' oldest day."""
    from datetime import datetime
    from guichet_kb.appointments import store

    starts = [tree.minKey()[0] for book in store.books() for tree in (book.times, book.cancelled_times) if tree is not None and len(tree)]
    return datetime.fromtimestamp(min(starts), clock.zone()).date() if starts else None


def lead_hours(booking):
    return max(int((booking.start - booking.created).total_seconds() // 3600), 0)


def day_rows(day):
    from guichet_kb.appointments import store
    from guichet_kb.appointments.day import with_cancelled

    for book in store.books():
        for booking in with_cancelled(book, day):
            if clock.local(booking.start).date() != day:
                continue
            yield (booking.desk or "", booking.service or "", booking.status, booking.channel, lead_hours(booking)), 1
