"""A queue ticket and a counter's state (persistent; times kept in UTC, read in the
portal's zone like the bookings' — appointments.booking.Moment).

A ticket's `history` lists (when, event, who, detail): taken, called, recalled, missed,
done, cancelled, rejoined, transferred, priority, closed (the day ended before its call).
"""

from collections import namedtuple
from guichet_kb.appointments.booking import Moment
from guichet_kb.appointments.booking import utc
from persistent import Persistent
from persistent.list import PersistentList


Contact = namedtuple("Contact", "email phone", defaults=(None, None))
OPEN = ("waiting", "called")  # a ticket still in the queue or at a counter


class Ticket(Persistent):
    erased = False
    rejoined = False
    priority = None
    recalls = 0
    taken, order, called, done, notified, called_notified = Moment(), Moment(), Moment(), Moment(), Moment(), Moment()

    def __init__(self, code, rules, prefix, number, contact, channel, agent, now):
        entry = rules.service(prefix)
        self.code, self.queue, self.desk = code, rules.queue, rules.desk
        self.service, self.prefix, self.number = entry.service, prefix, number
        self.label = f"{prefix}{number:03d}"
        self.day = now.date()
        self.status, self.channel, self.agent = "waiting", channel, agent
        self.taken = self.order = now
        self.counter = None
        self.email, self.phone = contact.email, contact.phone
        self.history = PersistentList([(utc(now), "taken", agent, channel)])

    def log(self, now, event, who=None, detail=None):
        self.history.append((utc(now), event, who, detail))

    @property
    def is_open(self):
        return self.status in OPEN

    @property
    def has_contact(self):
        return bool(self.email or self.phone)

    def rank(self):
        """The waiting list's key after the day: priority first, then the time it queued."""
        return (0 if self.priority else 1, int(self.order.timestamp() * 1_000_000), self.number)

    def minutes_served(self):
        """Minutes from its call to its end (the service time), or None."""
        if self.called is None or self.done is None:
            return None
        return (self.done - self.called).total_seconds() / 60


class CounterState(Persistent):
    """One counter (desk, code): open or not, by whom, what is at it since when.
    `current` is ("ticket", code), ("booking", code) or None."""

    open = False
    agent = None
    current = None
    opened, closed, since = Moment(), Moment(), Moment()

    def __init__(self, desk, code):
        self.desk, self.code = desk, code
