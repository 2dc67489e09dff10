"""An agenda's configuration as plain, frozen data (Zope-free).

`appointments.agendas.rules_of(agenda)` builds a `Rules` from the Agenda item;
slots and bookings read only this, so the rules can be tested without a site.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import time
from guichet_kb.facts import APPOINTMENT_GRID_MINUTES


GRID = APPOINTMENT_GRID_MINUTES


@dataclass(frozen=True)
class AppointmentType:
    code: str
    label: str
    service: str  # the ServiceSheet's UID
    duration: int  # minutes, a multiple of GRID


@dataclass(frozen=True)
class Counter:
    code: str
    label: str
    types: frozenset = frozenset()  # type codes it serves; empty: every type

    def serves(self, type_code):
        return not self.types or type_code in self.types


@dataclass(frozen=True)
class Closure:
    start: date
    end: date
    opens: time | None = None  # both None: the whole days are closed
    closes: time | None = None
    label: str = ""

    def covers(self, day):
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Rules:
    agenda: str  # the Agenda's UID
    desk: str  # the Desk's UID
    types: tuple = ()
    counters: tuple = ()
    closures: tuple = ()
    min_lead_hours: int = 2
    max_lead_days: int = 60
    person_limit: int = 2
    daily_capacity: int = 0  # 0: no cap beyond the counters' time
    reminder_hours: int = 48
    title: str = field(default="", compare=False)

    def type(self, code):
        return next((kind for kind in self.types if kind.code == code), None)

    def counters_for(self, type_code):
        return tuple(counter for counter in self.counters if counter.serves(type_code))

    def types_for(self, service_uid):
        return tuple(kind for kind in self.types if kind.service == service_uid)

    def counter(self, code):
        return next((counter for counter in self.counters if counter.code == code), None)
