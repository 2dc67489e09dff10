"""The free slots of an appointment type (Zope-free).

A day's frame is the desk's opening ranges (hours.Schedule, exceptions applied)
minus the agenda's closures. A type's slots start at each range's opening and
follow each other by the type's duration (08:30, 08:50, ... for 20 minutes), so a
counter's day fills without gaps. A slot is free when one counter serving the type
has every GRID cell of [start, end) free and the day's capacity is not reached.
Lead times: no start before now + min_lead_hours, no day after today + max_lead_days.

`taken` is what the store knows (store.Book.view()): `cell(ordinal, counter code,
minute)` gives the booking code holding a cell or None, `full(ordinal)` whether the
day's capacity is reached.
"""

from .rules import GRID
from collections import namedtuple
from datetime import datetime
from datetime import time
from datetime import timedelta
from guichet_kb import clock


Slot = namedtuple("Slot", "start end type free")
NEXT_COUNT = 5
# How far `next_slots` looks at most, whatever the agenda's max lead (days).
NEXT_HORIZON = 120


class NothingTaken:
    """An empty agenda: every cell free, no day full."""

    def cell(self, ordinal, counter, minute):
        return None

    def full(self, ordinal):
        return False


def _minutes(moment):
    return moment.hour * 60 + moment.minute


def _subtract(ranges, closed):
    """Minute ranges minus one closed minute range."""
    out = []
    for start, end in ranges:
        if closed[1] <= start or closed[0] >= end:
            out.append((start, end))
            continue
        if start < closed[0]:
            out.append((start, closed[0]))
        if closed[1] < end:
            out.append((closed[1], end))
    return out


def frame(rules, schedule, day):
    """[(start minute, end minute), ...] when the agenda takes appointments that day."""
    ranges = [(_minutes(opens), _minutes(closes)) for opens, closes in schedule.ranges_on(day)]
    for closure in rules.closures:
        if not closure.covers(day):
            continue
        if closure.opens is None or closure.closes is None:
            return []
        ranges = _subtract(ranges, (_minutes(closure.opens), _minutes(closure.closes)))
    return ranges


def at(day, minute, zone=None):
    """The aware moment of a day's minute, in the portal's zone (or `zone`, that zone
    looked up once by a caller making many)."""
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone or clock.zone())


def earliest(rules, now):
    return now + timedelta(hours=rules.min_lead_hours)


def last_day(rules, now):
    return now.date() + timedelta(days=rules.max_lead_days)


def free_counters(counters, taken, ordinal, start_minute, duration, ignore=None):
    cells = range(start_minute, start_minute + duration, GRID)
    return tuple(c.code for c in counters if all(taken.cell(ordinal, c.code, m) in (None, ignore) for m in cells))


def day_slots(rules, schedule, taken, kind, day, now, ignore=None):
    """The free slots of one type on one day, in time order (lead times applied)."""
    counters = rules.counters_for(kind.code)
    soonest = earliest(rules, now)
    if not counters or day > last_day(rules, now) or day < soonest.date() or taken.full(day.toordinal()):
        return []
    out = []
    zone = clock.zone()
    for start, end in frame(rules, schedule, day):
        for minute in range(start, end - kind.duration + 1, kind.duration):
            begins = at(day, minute, zone)
            if begins < soonest:
                continue
            free = free_counters(counters, taken, day.toordinal(), minute, kind.duration, ignore)
            if free:
                out.append(Slot(begins, begins + timedelta(minutes=kind.duration), kind.code, free))
    return out


def free_slots(rules, schedule, taken, type_code, first_day, last, now, ignore=None):
    """Every free slot of a type from `first_day` to `last` (dates, inclusive)."""
    kind = rules.type(type_code)
    if kind is None:
        return []
    out = []
    day = max(first_day, now.date())
    end = min(last, last_day(rules, now))
    while day <= end:
        out.extend(day_slots(rules, schedule, taken, kind, day, now, ignore))
        day += timedelta(days=1)
    return out


def next_slots(rules, schedule, taken, type_code, now, count=NEXT_COUNT, ignore=None, after=None):
    """The first `count` free slots of a type from now (or from `after`, a later moment)."""
    kind = rules.type(type_code)
    if kind is None:
        return []
    out = []
    day = max(now, after or now).date()
    end = min(last_day(rules, now), day + timedelta(days=NEXT_HORIZON))
    while day <= end and len(out) < count:
        out.extend(s for s in day_slots(rules, schedule, taken, kind, day, now, ignore) if after is None or s.start >= after)
        day += timedelta(days=1)
    return out[:count]
