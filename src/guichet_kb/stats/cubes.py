"""Daily and monthly aggregates ("cubes") of the interaction log, page views and feedback.

Why: the dashboard and the open data answer for any period up to a few years (3.5
million interactions for 50 agents over two years) in well under a second, so they
never scan raw records for a day that is over. The daily job (rollup.py, `POST
@daily-rollup`, cron) reads each closed day's raw records once and stores its counts
here; a period is then read as its whole calendar months plus its edge days, and the
days not rolled up yet (today, or days the job has not reached) are counted from the
raw records on the fly, so the figures are right before the job has run.

Storage (site annotation KEY, ZODB): one persistent `Unit` per day and per month (and
per ISO week for the small cubes, WEEK_CUBES), each written once by the daily job
(single writer: no conflict with the many agents writing raw records). A unit holds, for each measure and projection ("cube", below),
a persistent `Cube` of its own (a query loads only the cube it reads): a plain dict
nested by the cube's first dimension, {first value: {rest: count}}, so a filter on the
first dimension reads one sub-dict. Values are small integer codes
(`codes`, one table for UIDs and tokens) instead of 32-character UIDs. Nothing
personal: the dimensions are the record's (service, desk, channel, outcome, body,
weekday, hour), page views per sheet, "useful?" answers per sheet, appointments per desk,
sheet, status, channel and lead time (no code, no name), queue tickets per desk, sheet,
hour, status, channel, minutes waited and minutes served (no code, no contact). Aggregates are
kept beyond the raw records' retention (they say nothing about anyone); growth: see
`make bench-dashboard` (about 40 MB a year for 50 agents).

Projections: a query needs some dimensions and filters others; it reads the smallest
cube of CUBES holding all of them whose first dimension is filtered (one branch), else
the smallest holding them (cube_for); projection.py keeps what it computed.
"""

from BTrees.IOBTree import IOBTree
from BTrees.OIBTree import OIBTree
from collections import Counter
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.annotations import site_store
from persistent import Persistent


KEY = "guichet_kb.cubes"
DIMENSIONS = ("service", "desk", "channel", "outcome", "organisation", "weekday", "hour")
CODED = frozenset({"service", "desk", "channel", "outcome", "organisation"})  # strings, stored as codes
# measure -> its cubes (name, dimensions), smallest first; the last one holds every dimension.
CUBES = {
    "interactions": (
        ("outcomes", ("outcome", "channel")),
        ("flow", ("channel", "outcome", "organisation", "desk")),
        ("week_hours", ("weekday", "hour", "channel", "outcome")),
        ("service_outcomes", ("service", "channel", "outcome")),
        ("hours", ("desk", "weekday", "hour", "channel", "outcome", "organisation")),
        ("services", ("service", "desk", "channel", "outcome", "organisation")),
        ("desk_services", ("desk", "service", "outcome", "channel", "organisation")),
        ("full", ("service", "desk", "weekday", "hour", "channel", "outcome", "organisation")),
    ),
    "views": (("views", ("service",)),),
    "feedback": (("feedback", ("service", "useful")),),
    # Appointments (issue 18, appointments/figures.py): bookings by their appointment's day.
    "appointments": (("appointments", ("desk", "service", "status", "booked_by", "lead_hours")),),
    # The virtual queue (issue 19, queues/figures.py): tickets by their day, the hour taken, minutes waited and served.
    "queue": (("queue", ("desk", "service", "hour", "status", "taken_by", "wait_minutes", "service_minutes")),),
}
MEASURES = tuple(CUBES)
UNITS = ("day", "week", "month")


WEEK_CUBES = frozenset(
    {"outcomes", "flow", "week_hours", "service_outcomes", "views", "feedback", "appointments", "queue"}
)  # small: kept per ISO week too
BRANCHED = frozenset({"hours", "services", "desk_services", "full"})  # big cubes: one record per first value


class Branch(Persistent):
    """The counts under one first value of a big cube: {rest tuple: count}."""

    def __init__(self, data):
        self.data = data


class Cube(Persistent):
    """One projection's counts in one unit: {first value: {rest tuple: count}}, or, for
    BRANCHED cubes, {first value: Branch}. A record of its own, so a query loads the
    cube it reads (and of a big cube only the branch its filter names)."""

    def __init__(self, data, branched=False):
        self.data = {head: Branch(rest) for head, rest in data.items()} if branched else data


def counts_of(value):
    """The {rest: count} of a cube's first value, branched or not."""
    return value.data if isinstance(value, Branch) else value


class Unit(Persistent):
    """The counts of one day or one month: {cube name: Cube}."""

    def __init__(self, cubes):
        self.cubes = {name: Cube(data, name in BRANCHED) for name, data in cubes.items()}


class Cubes(Persistent):
    def __init__(self):
        self.codes = OIBTree()  # value -> code
        self.values = IOBTree()  # code -> value
        self.days = IOBTree()  # date ordinal -> Unit
        self.months = IOBTree()  # year * 12 + month - 1 -> Unit
        self.weeks = IOBTree()  # ordinal of the ISO week's Monday -> Unit of the WEEK_CUBES
        self.rolled_through = None  # the last day rolled up (a date)


def container(create=False):
    return site_store(KEY, Cubes if create else None)


def month_key(day):
    return day.year * 12 + day.month - 1


def day_start(day):
    """The first moment of a local day (aware, the portal's zone)."""
    return datetime.combine(day, time(), tzinfo=clock.zone())


def cube_for(measure, dims, filtered=()):
    """(name, dimensions) of the cube of `measure` to read for `dims` (those wanted and
    those filtered): the smallest holding them whose first dimension is filtered (one
    branch read), else the smallest holding them."""
    if measure not in CUBES:
        raise ValueError(f"unknown measure {measure!r}")
    wanted = set(dims) | set(filtered)
    fitting = [(name, cube_dims) for name, cube_dims in CUBES[measure] if wanted <= set(cube_dims)]
    if not fitting:
        raise ValueError(f"no {measure} cube holds {sorted(wanted)}")
    return next((cube for cube in fitting if cube[1][0] in filtered), fitting[0])


def rolled_through():
    store = container()
    return store.rolled_through if store is not None else None


def _encoder(store):
    """value -> code for reading: None when the value was never stored (nothing matches)."""
    codes = store.codes if store is not None else {}
    return lambda dim, value: codes.get(value) if dim in CODED else value


def _decoder(store):
    values = store.values if store is not None else {}
    return lambda dim, code: values.get(code) if dim in CODED else code


def _month_days(key):
    year, month = divmod(key, 12)
    first = date(year, month + 1, 1)
    following = date(year + (month == 11), (month + 1) % 12 + 1, 1)
    return first, following - timedelta(days=1)


def _pieces(store, start, end, name):
    """The period cut into stored months, ISO weeks (for WEEK_CUBES), days, and live days
    (not rolled up yet)."""
    rolled = store.rolled_through if store is not None else None
    weeks = getattr(store, "weeks", None) if name in WEEK_CUBES else None
    day = start
    while day <= end:
        first, last = _month_days(month_key(day))
        if day == first and last <= end and rolled is not None and last <= rolled and month_key(day) in store.months:
            yield "unit", store.months[month_key(day)]
            day = last + timedelta(days=1)
            continue
        sunday = day + timedelta(days=6)
        if weeks is not None and rolled is not None and day.weekday() == 0 and sunday <= min(end, rolled) and day.toordinal() in weeks:
            yield "unit", weeks[day.toordinal()]
            day = sunday + timedelta(days=1)
            continue
        if rolled is not None and day <= rolled:
            unit = store.days.get(day.toordinal())
            if unit is not None:
                yield "unit", unit
        else:
            yield "live", day
        day += timedelta(days=1)


def query(start, end, dims, filters=None, measure="interactions"):
    """Counter keyed by the tuples of `dims` values, over the local days start..end
    (dates, inclusive), for the records matching `filters` ({dim: value})."""
    from guichet_kb.stats import live  # raw records of the days not rolled up yet
    from guichet_kb.stats import projection

    filters = dict(filters or {})
    dims = tuple(dims)
    name, cube_dims = cube_for(measure, dims, tuple(filters))
    store = container()
    encode, decode = _encoder(store), _decoder(store)
    coded = {dim: encode(dim, value) for dim, value in filters.items()}
    missing = any(code is None for code in coded.values())
    coded_total = Counter()
    plain_total = Counter()
    for kind, piece in _pieces(store, start, end, name):
        if kind == "unit" and not missing:
            projection.add(coded_total, piece, name, cube_dims, dims, coded, store)
        elif kind == "live":
            plain_total.update(live.counts(piece, measure, dims, filters))
    for key, count in coded_total.items():
        plain_total[tuple(decode(dim, code) for dim, code in zip(dims, key, strict=True))] += count
    return plain_total


def buckets(start, end, unit):
    """[(bucket start, bucket end)] covering start..end: days, ISO weeks (Monday) or
    calendar months, clipped to the period."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    found = []
    day = start
    while day <= end:
        if unit == "day":
            last = day
        elif unit == "week":
            last = day + timedelta(days=6 - day.weekday())
        else:
            last = _month_days(month_key(day))[1]
        last = min(last, end)
        found.append((day, last))
        day = last + timedelta(days=1)
    return found


def series(start, end, unit, dims, filters=None, measure="interactions"):
    """[(bucket start, Counter)] for every bucket of the period, maybe empty."""
    return [(first, query(first, last, dims, filters, measure)) for first, last in buckets(start, end, unit)]
