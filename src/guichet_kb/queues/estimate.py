"""When each waiting ticket will be called (Zope-free, so the replay bench runs it).

- The service time of a service is today's rolling median: the median of its last
  QUEUE_SAMPLE_WINDOW finished tickets, or the queue's configured minutes until it has
  QUEUE_MIN_SAMPLES of them.
- The call times come from list scheduling: the waiting tickets, in call order, each go
  to the counter serving them that frees first; a busy counter frees after the expected
  rest of its current service given how long it has lasted (today's samples), or at the
  end of the appointment it serves; the counters' appointments block their time; time
  advances only while the desk is open (the estimate is frozen while it is closed: a
  lunch break consumes no wait, it moves the call after the reopening).
- Counters: the open ones serving the queue; when none is open yet, all those configured
  (they are expected at the opening).
"""

from collections import namedtuple
from datetime import timedelta
from guichet_kb.facts import QUEUE_MIN_SAMPLES
from guichet_kb.facts import QUEUE_SAMPLE_WINDOW
import statistics


Forecast = namedtuple("Forecast", "position call_at")
# A counter as the estimate sees it: its code, the prefixes it serves (empty: all), when
# its current service ends (None: free now), its appointments [(start, end)].
Server = namedtuple("Server", "code prefixes busy_until blocks", defaults=(frozenset(), None, ()))


def remaining_minutes(samples, elapsed, default):
    """The expected rest of a service that has lasted `elapsed` minutes: the mean of
    today's samples longer than it, minus it; the configured minutes' rest before enough
    samples (and a tenth of the median when every sample was shorter)."""
    samples = list(samples)[-QUEUE_SAMPLE_WINDOW:]
    if len(samples) < QUEUE_MIN_SAMPLES:
        return max(0.0, default - elapsed)
    longer = [sample - elapsed for sample in samples if sample > elapsed]
    return statistics.fmean(longer) if longer else statistics.median(samples) / 10


def serving_until(now, since, samples=(), default=0, length=None):
    """When a counter at a visit since `since` frees: an appointment after its length (a
    timedelta), a ticket after the expected rest of its service (`remaining_minutes`)."""
    if length is not None:
        return max(now, since + length)
    elapsed = (now - since).total_seconds() / 60
    return now + timedelta(minutes=remaining_minutes(samples, elapsed, default))


def median_minutes(samples, default):
    samples = list(samples)[-QUEUE_SAMPLE_WINDOW:]
    if len(samples) < QUEUE_MIN_SAMPLES:
        return float(default)
    return float(statistics.median(samples))


class OpenTime:
    """The desk's open periods [(start, end)] (aware, sorted): moving through open time
    only. Past the last period time runs on (an estimate beyond the closing)."""

    def __init__(self, periods):
        self.periods = sorted(periods)

    def align(self, moment):
        for start, end in self.periods:
            if moment < end:
                return max(moment, start)
        return moment

    def advance(self, moment, minutes):
        left = timedelta(minutes=minutes)
        moment = self.align(moment)
        for start, end in self.periods:
            if moment >= end:
                continue
            moment = max(moment, start)
            if moment + left <= end:
                return moment + left
            left -= end - moment
            moment = end
        return moment + left

    def closing(self):
        return self.periods[-1][1] if self.periods else None


def _place(open_time, free_at, minutes, blocks):
    """The start of a service of `minutes` on a counter free at `free_at`, after its blocks."""
    start = open_time.align(free_at)
    for block_start, block_end in sorted(blocks):
        if block_end <= start:
            continue
        if open_time.advance(start, minutes) <= block_start:
            break
        start = open_time.align(max(start, block_end))
    return start


def forecast(tickets, servers, now, periods, minutes_of):
    """{code: Forecast(position, call_at)} of `tickets` (waiting, in call order; objects
    with `.code` and `.prefix`), on `servers` (Server), through the open `periods`;
    `minutes_of(prefix)` the expected service minutes. call_at None: no counter serves it.
    Tickets of several queues sharing counters are given together; positions count per
    queue (`.queue`): 1 for the first of each."""
    open_time = OpenTime(periods)
    free = {server.code: open_time.align(max(now, server.busy_until or now)) for server in servers}
    result, ahead = {}, {}
    for ticket in tickets:
        queue = getattr(ticket, "queue", None)
        position = ahead[queue] = ahead.get(queue, 0) + 1
        candidates = [server for server in servers if not server.prefixes or ticket.prefix in server.prefixes]
        if not candidates:
            result[ticket.code] = Forecast(position, None)
            continue
        minutes = minutes_of(ticket.prefix)
        starts = {server.code: _place(open_time, free[server.code], minutes, server.blocks) for server in candidates}
        chosen = min(candidates, key=lambda server: (starts[server.code], server.code))
        call_at = starts[chosen.code]
        free[chosen.code] = open_time.advance(call_at, minutes)
        result[ticket.code] = Forecast(position, call_at)
    return result


def wait_minutes(call_at, now):
    """Whole minutes from now to the call (rounded up; 0 when due), None when unknown."""
    if call_at is None:
        return None
    seconds = (call_at - now).total_seconds()
    return max(0, int(-(-seconds // 60)))
