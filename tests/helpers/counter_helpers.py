"""Bookings for the tests of the counters' day view, the console and the CLI (part agents).

`reserve(agenda, type_code, start, name, email)` books through the store as the site
would (the agenda's rules, its desk's hours), as if booked three hours (`ahead`) before `start`,
so a test can hold appointments of today or of past days; the caller commits. Days:
`past_weekday()` (a weekday before today), `next_weekday()` (a weekday after today).
"""

from datetime import datetime
from datetime import time
from datetime import timedelta
from guichet_kb import clock


def past_weekday(before=None):
    day = (before or clock.today()) - timedelta(days=1)
    while day.weekday() > 4:
        day -= timedelta(days=1)
    return day


def next_weekday(after=None):
    day = (after or clock.today()) + timedelta(days=1)
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=clock.zone())


def reserve(agenda, type_code, start, name, email, channel="agent", agent="agent", phone=None, ahead=3):
    """A booking of `agenda` (an object) at `start`, made `ahead` hours before it."""
    from guichet_kb.appointments import store
    from guichet_kb.appointments.agendas import rules_of

    book = store.book_of(agenda, create=True)
    person = store.Person(name, email, phone)
    return book.reserve(
        rules_of(agenda), agenda.desk.to_object.schedule(), type_code, start, person, channel, agent, now=start - timedelta(hours=ahead)
    )
