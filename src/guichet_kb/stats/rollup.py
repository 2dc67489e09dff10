"""The daily job: each closed day's raw records counted once into the cubes (cubes.py).

Run by `POST @daily-rollup` (the CLI's `guichet-kb rollup`, cron every night: one host
on a cluster). Idempotent: a day is rolled up once, in date order, from the day after
the last one rolled up (the first run starts at the oldest raw record kept) to
yesterday; running it twice the same day does nothing more. At most MAX_DAYS days per
call, so that one transaction stays small: the answer says how many remain and the
CLI calls again. Then the other daily jobs (DAILY_JOBS: search logs, open data, the
bookings' purge) run and their answers are merged into its own.

A record written after its day was rolled up (an instance whose clock is behind at
midnight) is not counted in the cubes: the raw log keeps it for the CSV export.
"""

from datetime import date
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.interactions import store as interactions
from guichet_kb.stats import cubes
from guichet_kb.stats import live
from guichet_kb.stats import store as stats
import importlib


MAX_DAYS = 62
# The other daily jobs, in order, once the cubes are up to date: "module:function", each
# function(today) -> a dict merged into the job's answer (imported when run: open data
# reads the cubes, the cubes import nothing of theirs).
DAILY_JOBS = (
    "guichet_kb.search.logs.store:compact",
    "guichet_kb.opendata.files:regenerate",
    "guichet_kb.appointments.purge:erase",  # bookings' personal data past the retention (issue 18)
    "guichet_kb.queues.purge:erase",  # queue tickets' contacts of past days, tickets past QUEUE_TICKET_KEEP_DAYS (issue 19)
)


def _first_day(store, today):
    if store.rolled_through is not None:
        return store.rolled_through + timedelta(days=1)
    found = (_oldest_record(), _oldest_view(), _oldest_feedback(), _oldest_appointment(), _oldest_ticket())
    oldest = [day for day in found if day is not None]
    return min(oldest) if oldest else today


def _oldest_record():
    moment = interactions.oldest()
    return clock.local(moment).date() if moment is not None else None


def _oldest_view():
    ordinals = [per_day.minKey() for _uid, per_day in stats.view_days() if len(per_day)]
    return date.fromordinal(min(ordinals)) if ordinals else None


def _oldest_feedback():
    dates = [entry["date"] for entry in stats.feedback_for()]
    return date.fromisoformat(min(dates)) if dates else None


def _oldest_appointment():
    from guichet_kb.appointments.figures import oldest_day

    return oldest_day()


def _oldest_ticket():
    from guichet_kb.queues.figures import oldest_day

    return oldest_day()


def _code(store, value):
    code = store.codes.get(value)
    if code is None:
        code = len(store.codes) + 1
        store.codes[value] = code
        store.values[code] = value
    return code


def _day_cubes(store, day):
    """{cube name: {first: {rest: count}}} of one day, values coded."""
    found = {}
    for measure, measure_cubes in cubes.CUBES.items():
        widest = measure_cubes[-1][1]
        plans = [(name, [widest.index(d) for d in dims], {}) for name, dims in measure_cubes]
        coded_at = [i for i, dim in enumerate(widest) if dim in cubes.CODED]
        for values, count in live.rows(day, measure):
            values = list(values)
            for i in coded_at:
                values[i] = _code(store, values[i])
            for _name, picks, cube in plans:
                rest = cube.setdefault(values[picks[0]], {})
                key = tuple(values[i] for i in picks[1:])
                rest[key] = rest.get(key, 0) + count
        found.update((name, cube) for name, _picks, cube in plans if cube)
    return found


def _merge(month, cubes_of_day):
    """Add a day's counts into its month's cubes."""
    for name, cube in cubes_of_day.items():
        branched = name in cubes.BRANCHED
        target = month.cubes.get(name)
        if target is None:
            target = month.cubes[name] = cubes.Cube({}, branched)
            month._p_changed = True
        for head, counts in cube.items():
            if head not in target.data:
                target.data[head] = cubes.Branch({}) if branched else {}
                target._p_changed = True
            branch = target.data[head]
            rest = cubes.counts_of(branch)
            for key, count in counts.items():
                rest[key] = rest.get(key, 0) + count
            if branched:
                branch._p_changed = True
        if not branched:
            target._p_changed = True


def rollup(today=None, max_days=MAX_DAYS):
    """Roll up the closed days not rolled up yet (at most max_days); the job's answer."""
    today = today or clock.today()
    store = cubes.container(create=True)
    day = _first_day(store, today)
    rolled = []
    while day < today and len(rolled) < max_days:
        day_cubes = _day_cubes(store, day)
        if day_cubes:
            store.days[day.toordinal()] = cubes.Unit(day_cubes)
            key = cubes.month_key(day)
            month = store.months.get(key)
            if month is None:
                month = store.months[key] = cubes.Unit({})
            _merge(month, day_cubes)
            monday = (day - timedelta(days=day.weekday())).toordinal()
            week = store.weeks.get(monday)
            if week is None:
                week = store.weeks[monday] = cubes.Unit({})
            _merge(week, {name: cube for name, cube in day_cubes.items() if name in cubes.WEEK_CUBES})
        store.rolled_through = day
        rolled.append(day)
        day += timedelta(days=1)
    if store.rolled_through is None and day >= today:
        store.rolled_through = today - timedelta(days=1)  # nothing before today: nothing to do again
    answer = {
        "rolled_up": len(rolled),
        "rolled_through": store.rolled_through.isoformat() if store.rolled_through else None,
        "remaining": max((today - day).days, 0),
    }
    if answer["remaining"] == 0:
        for job in DAILY_JOBS:
            module, name = job.split(":")
            answer.update(getattr(importlib.import_module(module), name)(today) or {})
    return answer
