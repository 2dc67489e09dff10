"""The simulated day the queue replay plays (bench/queue_replay.py), Zope-free.

A `Day` states everything the replay draws from; `draw(day, seed)` turns it into the
day's events, the same for the same seed:

- the desk's opening ranges (a lunch closure between them) and the notice lead
  (`notify_minutes`, the site's default QUEUE_NOTIFY_MINUTES);
- per service (prefix): the queue's default minutes (what the estimate uses until
  QUEUE_MIN_SAMPLES services of the day are finished) and the real service times, a
  lognormal distribution stated by its median (minutes) and spread (sigma of the log;
  0 gives every service exactly the median);
- arrivals: a Poisson process whose rate is stated per hour (tickets an hour, a morning
  peak), each arrival's service drawn from `mix` (shares by prefix);
- a share of the tickets made priority by the agent at the kiosk (`priority_rate`), a
  share that does not come when called (`no_show_rate`: the counter waits the grace
  minutes, then marks it missed);
- counters with the prefixes they serve and their shifts (when the agent opens and
  closes them: a reinforcement at the peak, one that leaves early);
- appointments on some counters (start, minutes; the visitor arrives `early` minutes
  before): served from the same ordered list as the tickets (queues/order.py).

`TOWN_HALL` is the stated day of the figures; `steady()` a day without any variance
(every service its default minutes, no no-show, no priority, no appointment, counters
open all day), on which the estimate must be exact.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import time
from datetime import timedelta
from guichet_kb.facts import QUEUE_PRIORITY_REASONS
import math
import random
from zoneinfo import ZoneInfo


ZONE = ZoneInfo("Europe/Paris")
DATE = datetime(2026, 12, 7).date()  # a Monday


@dataclass(frozen=True)
class Service:
    prefix: str
    default: int  # the queue's default minutes
    median: float  # the real service times: lognormal, this median (minutes)...
    sigma: float  # ...and this spread (sigma of log minutes; 0: always the median)


@dataclass(frozen=True)
class Shift:
    counter: str
    prefixes: frozenset  # empty: every service
    opens: time
    closes: time


@dataclass(frozen=True)
class Appointment:
    counter: str
    start: time
    minutes: int
    early: int = 5  # arrives this many minutes before its start


@dataclass(frozen=True)
class Day:
    ranges: tuple  # ((opens, closes), ...) local times
    services: tuple  # Service rows
    rates: tuple  # ((from, to, tickets an hour), ...) local times
    mix: dict  # prefix -> share of the arrivals
    shifts: tuple  # Shift rows (a counter may have several)
    appointments: tuple = ()
    priority_rate: float = 0.0
    no_show_rate: float = 0.0
    notify_minutes: int = 10
    grace_minutes: int = 3
    date: object = DATE
    label: str = field(default="", compare=False)

    def at(self, clock_time):
        return datetime.combine(self.date, clock_time, tzinfo=ZONE)

    def service(self, prefix):
        return next(s for s in self.services if s.prefix == prefix)


@dataclass(frozen=True)
class Arrival:
    at: datetime
    prefix: str
    minutes: float  # its real service time
    priority: str | None
    no_show: bool


def t(text):
    return time.fromisoformat(text)


TOWN_HALL = Day(
    label="town hall, 5 counters, morning peak",
    ranges=((t("08:30"), t("12:00")), (t("13:30"), t("17:00"))),
    services=(
        Service("C", 12, 12.0, 0.35),  # identity card / passport application
        Service("E", 6, 5.0, 0.5),  # civil status certificates
        Service("R", 10, 9.0, 0.4),  # school enrolment (the campaign)
    ),
    rates=(
        (t("08:30"), t("09:00"), 16),
        (t("09:00"), t("10:00"), 32),
        (t("10:00"), t("11:00"), 34),
        (t("11:00"), t("11:40"), 22),
        (t("13:30"), t("14:00"), 12),
        (t("14:00"), t("15:00"), 24),
        (t("15:00"), t("16:00"), 24),
        (t("16:00"), t("16:30"), 12),
    ),
    mix={"C": 0.4, "E": 0.4, "R": 0.2},
    shifts=(
        Shift("G1", frozenset(), t("08:30"), t("17:00")),
        Shift("G2", frozenset(), t("08:30"), t("17:00")),
        Shift("G3", frozenset("CR"), t("08:30"), t("17:00")),
        Shift("G4", frozenset("E"), t("08:30"), t("16:00")),  # leaves early
        Shift("G5", frozenset(), t("09:30"), t("11:30")),  # the peak's reinforcement
    ),
    appointments=tuple(Appointment("G1", t(start), 20) for start in ("09:00", "10:00", "11:00", "14:00", "15:00", "16:00"))
    + tuple(Appointment("G2", t(start), 20) for start in ("10:30", "14:30")),
    priority_rate=0.03,
    no_show_rate=0.06,
)


def steady(rate=20, minutes=6):
    """A day without variance: every service exactly its default minutes, arrivals at a
    steady Poisson rate, two counters open all day, no no-show, priority or appointment."""
    return Day(
        label="zero variance",
        ranges=((t("09:00"), t("12:00")),),
        services=(Service("A", minutes, float(minutes), 0.0),),
        rates=((t("09:00"), t("11:00"), rate),),
        mix={"A": 1.0},
        shifts=(Shift("K1", frozenset(), t("09:00"), t("12:00")), Shift("K2", frozenset(), t("09:00"), t("12:00"))),
    )


def _minutes(service, rng):
    return service.median * math.exp(rng.gauss(0.0, service.sigma)) if service.sigma else service.median


def draw(day, seed):
    """The day's arrivals (by time), the same for the same seed."""
    rng = random.Random(seed)
    prefixes = sorted(day.mix)
    weights = [day.mix[p] for p in prefixes]
    arrivals = []
    for start, end, rate in day.rates:
        moment, stop = day.at(start), day.at(end)
        while rate > 0:
            moment += timedelta(hours=rng.expovariate(rate))
            if moment >= stop:
                break
            prefix = rng.choices(prefixes, weights)[0]
            priority = rng.choice(QUEUE_PRIORITY_REASONS) if rng.random() < day.priority_rate else None
            no_show = rng.random() < day.no_show_rate
            arrivals.append(Arrival(moment, prefix, _minutes(day.service(prefix), rng), priority, no_show))
    return sorted(arrivals, key=lambda a: a.at)
