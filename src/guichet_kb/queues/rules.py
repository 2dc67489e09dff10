"""A Queue item's configuration as plain, frozen data (Zope-free).

`queues.lines.rules_of(queue)` builds a `QueueRules` from the item; the store, the order
and the estimate read only this, so they can be tested (and replayed) without a site.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date


@dataclass(frozen=True)
class QueueService:
    service: str  # the ServiceSheet's UID
    prefix: str  # one capital letter: the tickets "C012"
    minutes: int  # the default service time until today has enough samples


@dataclass(frozen=True)
class QueueCounter:
    code: str  # (desk, code) names the counter: an agenda's counter of that code is this one
    label: str
    prefixes: frozenset = frozenset()  # the services it serves; empty: every one

    def serves(self, prefix):
        return not self.prefixes or prefix in self.prefixes


@dataclass(frozen=True)
class QueueRules:
    queue: str  # the Queue's UID
    desk: str  # the Desk's UID
    services: tuple = ()
    counters: tuple = ()
    opens_on: date | None = None  # a campaign's first day (None: always)
    closes_on: date | None = None  # its last day (None: open-ended)
    daily_capacity: int = 0  # tickets a day; 0: no cap beyond the closing time
    grace_minutes: int = 3  # a called ticket cannot be marked missed before
    notify_minutes: int = 10  # the "your turn is near" notice, before the estimated call
    title: str = field(default="", compare=False)

    def service(self, prefix):
        return next((entry for entry in self.services if entry.prefix == prefix), None)

    def prefix_of(self, service_uid):
        return next((entry.prefix for entry in self.services if entry.service == service_uid), None)

    def counter(self, code):
        return next((counter for counter in self.counters if counter.code == code), None)

    def counters_for(self, prefix):
        return tuple(counter for counter in self.counters if counter.serves(prefix))

    def active_on(self, day):
        return (self.opens_on is None or day >= self.opens_on) and (self.closes_on is None or day <= self.closes_on)
