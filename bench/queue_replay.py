"""The replay of a simulated day at one desk (make bench-queue-replay), Zope-free.

It draws a day (bench/queue_day.py: arrivals, service times, no-shows, priorities,
appointments, counters' shifts, a lunch closure) and plays it on a simulated clock
through the queue core's own rules: the estimate given when a ticket is taken and by
the notice job is `guichet_kb.queues.estimate.forecast`, the ticket or appointment a
free counter calls is `guichet_kb.queues.order` (bench/queue_core.py adapts the
replay's state to them). Events, in time order:

- an arrival takes a ticket (refused while the desk is closed, or when its estimated
  call falls after the day's closing, as `Line.take` does); the estimate at ticket time
  is the forecast call of the new ticket;
- a counter free and open, the desk open, calls the next (order.py); a ticket that does
  not come is marked missed after the grace minutes; the service minutes of each
  finished ticket become the day's samples (the rolling median of the estimate);
- the notice job runs every 15 s and after each counter action: a waiting ticket not yet
  told whose forecast call is <= notify_minutes away is told now (once).

`replay(day, seed)` returns every ticket with its times; bench/queue_figures.py computes
the figures from them. Nothing personal is simulated: tickets have numbers only.

Usage: queue_replay.py [--seeds 1,2,3] [--steady]
(without --steady, the town hall day, then the same with the services' spread scaled)
"""

from dataclasses import dataclass
from dataclasses import replace
from datetime import timedelta
from guichet_kb.queues.ticket import Ticket
import heapq
import itertools
from queue_core import Core
from queue_day import draw
import sys


TICK = timedelta(seconds=15)
# Same-instant events: a counter closing or a service ending frees the counter before
# anything is called, an opening before arrivals, the notice job last.
RANK = {"close": 0, "end": 1, "open": 2, "resume": 3, "booking": 4, "arrive": 5, "tick": 6}


@dataclass
class SimTicket:
    number: int
    label: str
    prefix: str
    priority: str | None
    taken: object
    order: object
    minutes: float  # its real service time (unknown to the estimate)
    no_show: bool
    status: str = "waiting"
    estimate: object = None  # forecast call at ticket time
    called: object = None
    counter: str | None = None
    done: object = None
    notified: object = None

    rank = Ticket.rank  # the call order's key (priority, the time it queued, number)

    @property
    def code(self):
        return self.label


@dataclass
class SimBooking:
    code: str
    counter: str
    start: object
    end: object
    arrived: object
    status: str = "booked"


@dataclass
class SimCounter:
    code: str
    prefixes: frozenset
    open: bool = False
    current: object = None  # the SimTicket or SimBooking at it
    since: object = None


@dataclass
class Outcome:
    day: object
    seed: int
    tickets: list
    refused: dict
    bookings: list


class Replay:
    def __init__(self, day, seed, core=None):
        self.day, self.seed = day, seed
        self.core = core or Core(day)
        self.tickets, self.refused = [], {"closed": 0, "too_late": 0}
        self.counters = {}
        for shift in day.shifts:
            self.counters.setdefault(shift.counter, SimCounter(shift.counter, shift.prefixes))
        self.bookings = []
        for a in day.appointments:
            start = day.at(a.start)
            end, arrived = start + timedelta(minutes=a.minutes), start - timedelta(minutes=a.early)
            self.bookings.append(SimBooking(f"RDV {a.start:%H:%M}", a.counter, start, end, arrived))
        self.samples = {s.prefix: [] for s in day.services}
        self._events, self._seq = [], itertools.count()

    def push(self, when, kind, payload=None):
        heapq.heappush(self._events, (when, RANK[kind], next(self._seq), kind, payload))

    def desk_open(self, now):
        return any(self.day.at(opens) <= now < self.day.at(closes) for opens, closes in self.day.ranges)

    def waiting(self):
        return [ticket for ticket in self.tickets if ticket.status == "waiting"]

    def run(self):
        for arrival in draw(self.day, self.seed):
            self.push(arrival.at, "arrive", arrival)
        for shift in self.day.shifts:
            self.push(self.day.at(shift.opens), "open", shift.counter)
            self.push(self.day.at(shift.closes), "close", shift.counter)
        for booking in self.bookings:
            self.push(booking.arrived, "booking", booking)
        for opens, _closes in self.day.ranges:
            self.push(self.day.at(opens), "resume")
        first, last = self.day.at(self.day.ranges[0][0]), self.day.at(self.day.ranges[-1][1])
        moment = first
        while moment <= last:
            self.push(moment, "tick")
            moment += TICK
        while self._events:
            now, _rank, _seq, kind, payload = heapq.heappop(self._events)
            getattr(self, f"on_{kind}")(now, payload)
            if kind != "tick" and self.dispatch(now):
                self.notify(now)
        return Outcome(self.day, self.seed, self.tickets, self.refused, self.bookings)

    def on_arrive(self, now, arrival):
        if not self.desk_open(now):
            self.refused["closed"] += 1
            return
        number = len(self.tickets) + 1
        ticket = SimTicket(number, f"{arrival.prefix}{number:03d}", arrival.prefix, arrival.priority, now, now, arrival.minutes, arrival.no_show)
        forecast = self.core.forecast(self, [*self.waiting(), ticket], now).get(ticket.code)
        if forecast is None or forecast >= self.day.at(self.day.ranges[-1][1]):
            self.refused["too_late"] += 1
            return
        ticket.estimate = forecast
        self.tickets.append(ticket)

    def on_open(self, now, code):
        self.counters[code].open = True

    def on_close(self, now, code):
        self.counters[code].open = False  # the agent finishes the current one, calls nobody

    def on_booking(self, now, booking):
        booking.status = "arrived"

    def on_resume(self, now, _payload):
        pass  # the desk opens: dispatch() below lets the free counters call

    def on_end(self, now, code):
        counter = self.counters[code]
        current, counter.current = counter.current, None
        if isinstance(current, SimTicket) and current.status == "called":
            current.status, current.done = "done", now
            self.samples[current.prefix].append((now - current.called).total_seconds() / 60)
        elif isinstance(current, SimBooking):
            current.status = "done"

    def on_tick(self, now, _payload):
        self.notify(now)

    def dispatch(self, now):
        """Every free open counter calls its next (order.py); True when one called."""
        if not self.desk_open(now):
            return False
        acted = False
        for counter in sorted(self.counters.values(), key=lambda c: c.code):
            if not counter.open or counter.current is not None:
                continue
            chosen = self.core.choose(self, counter, now)
            if chosen is None:
                continue
            acted = True
            counter.current, counter.since = chosen, now
            if isinstance(chosen, SimBooking):
                chosen.status = "serving"
                self.push(now + (chosen.end - chosen.start), "end", counter.code)
                continue
            chosen.status, chosen.called, chosen.counter = "called", now, counter.code
            if chosen.no_show:
                chosen.status = "missed"
                self.push(now + timedelta(minutes=self.day.grace_minutes), "end", counter.code)
            else:
                self.push(now + timedelta(minutes=chosen.minutes), "end", counter.code)
        return acted

    def notify(self, now):
        """The notice job: each waiting ticket not yet told whose call is near is told once."""
        waiting = self.waiting()
        if not any(ticket.notified is None for ticket in waiting):
            return
        lead = timedelta(minutes=self.day.notify_minutes)
        for code, call_at in self.core.forecast(self, waiting, now).items():
            ticket = next(t for t in waiting if t.code == code)
            if ticket.notified is None and call_at is not None and call_at - now <= lead:
                ticket.notified = now


def replay(day, seed, core=None):
    return Replay(day, seed, core).run()


def spread(day, seeds, factors=(0.0, 0.25, 0.5, 0.75, 1.0)):
    """The day again with every service's spread (sigma) scaled: where the notice target holds."""
    from queue_figures import figures

    print(f"\n## The same day with the service times' spread scaled ({len(seeds)} seeds): notices on time against the spread")
    print(f"{'sigma x':>8} {'sigmas':>16} {'MAE':>6} {'p90':>6} {'on time':>8} {'8+ min':>7}")
    for factor in factors:
        scaled = replace(day, services=tuple(replace(s, sigma=s.sigma * factor) for s in day.services))
        found = figures([t for seed in seeds for t in replay(scaled, seed).tickets], day.notify_minutes)
        sigmas = "/".join(f"{s.sigma:.2f}" for s in scaled.services)
        print(f"{factor:>8.2f} {sigmas:>16} {found['mae']:>6.2f} {found['p90']:>6.2f} {found['share']:>8.0%} {found['not_late']:>7.0%}")


def main(argv):
    from queue_day import steady
    from queue_day import TOWN_HALL
    from queue_figures import report

    seeds = [int(s) for s in (argv[argv.index("--seeds") + 1] if "--seeds" in argv else "1,2,3,4,5,6,7,8").split(",")]
    day = steady() if "--steady" in argv else TOWN_HALL
    report([replay(day, seed) for seed in seeds])
    if "--steady" not in argv:
        spread(day, seeds)


if __name__ == "__main__":
    main(sys.argv[1:])
