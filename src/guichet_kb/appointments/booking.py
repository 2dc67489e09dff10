"""A booking, and what the slot computation asks the store (`Taken`).

A `Booking` holds its slot by its cells (day ordinal, counter code, minute), one per
GRID minutes of its duration; its history lists (when, status or "moved", who).
"""

from . import slots
from collections import namedtuple
from datetime import timedelta
from datetime import timezone
from guichet_kb import clock
from persistent import Persistent
from persistent.list import PersistentList


Person = namedtuple("Person", "name email phone", defaults=(None,))
# Status changes at the counters: from each status, where it may go.
TRANSITIONS = {"booked": ("arrived", "no_show"), "arrived": ("done", "no_show"), "no_show": ("arrived",), "done": (), "cancelled": ()}


def utc(moment):
    """A moment as the store keeps it: in UTC (a ZoneInfo does not pickle in the ZODB)."""
    return moment.astimezone(timezone.utc) if moment is not None else None


class Moment:
    """An aware datetime attribute, kept in UTC and read in the portal's zone."""

    def __set_name__(self, owner, name):
        self.key = f"_{name}"

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = getattr(obj, self.key, None)
        return value.astimezone(clock.zone()) if value is not None else None

    def __set__(self, obj, value):
        setattr(obj, self.key, utc(value))


class Booking(Persistent):
    erased = False
    start, end, created, reminded = Moment(), Moment(), Moment(), Moment()

    def __init__(self, code, rules, kind, counter, start, person, channel, agent, now):
        self.code, self.agenda, self.desk = code, rules.agenda, rules.desk
        self.service, self.type, self.counter = kind.service, kind.code, counter
        self.start, self.end = start, start + timedelta(minutes=kind.duration)
        self.name, self.email, self.phone = person.name, person.email, person.phone
        self.channel, self.agent, self.created = channel, agent, now
        self.status = "booked"
        self.history = PersistentList([(utc(now), "booked", agent)])

    def cells(self):
        first = self.start.hour * 60 + self.start.minute
        return [(self.start.toordinal(), self.counter, minute) for minute in range(first, first + self._minutes(), slots.GRID)]

    def _minutes(self):
        return int((self.end - self.start).total_seconds() // 60)

    def upcoming(self, now):
        return self.status == "booked" and self.start > now


class Taken:
    """What slots.py asks: the holder of a cell, whether a day is full."""

    def __init__(self, book, capacity):
        self.book, self.capacity = book, capacity

    def cell(self, ordinal, counter, minute):
        return self.book.cells.get((ordinal, counter, minute))

    def full(self, ordinal):
        return bool(self.capacity) and all((ordinal, k) in self.book.day_claims for k in range(self.capacity))


class Reading:
    """What a Book answers without writing: bookings by time, a day, reminders due."""

    def between(self, start, end):
        """Bookings starting in [start, end) (aware datetimes), in time order."""
        keys = self.times.values(min=(int(start.timestamp()), ""), max=(int(end.timestamp()), ""), excludemax=True)
        return [self.bookings[code] for code in keys]

    def day(self, day):
        first = slots.at(day, 0)
        return sorted(self.between(first, first + timedelta(days=1)), key=lambda b: (b.start, b.counter))

    def due_reminders(self, now, hours):
        return [b for b in self.between(now, now + timedelta(hours=hours)) if b.upcoming(now) and not b.reminded and b.email]

    # Cancelled bookings by their former start (the day view, the dashboard's figures):
    # (start epoch seconds, code) -> code.
    cancelled_times = None

    def cancelled_between(self, start, end):
        """Cancelled bookings that were to start in [start, end) (aware), in time order."""
        tree = self.cancelled_times
        if tree is None:
            return []
        keys = tree.values(min=(int(start.timestamp()), ""), max=(int(end.timestamp()), ""), excludemax=True)
        return [self.bookings[code] for code in keys]
