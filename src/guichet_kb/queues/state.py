"""A desk's queues as the estimate needs them: its counters, their appointments, its open
periods today; and the forecast of every waiting ticket (read only: GET never writes).

The counters of a desk are those its published queues name; a counter with the code of
an agenda's counter at the same desk is that counter, so its booked and arrived
appointments of the day block its time (done, missed or cancelled ones do not).
"""

from .estimate import forecast
from .estimate import median_minutes
from .estimate import OpenTime
from .estimate import Server
from .estimate import serving_until
from .store import counter_state
from .store import find
from .store import line_of
from datetime import datetime
from guichet_kb.appointments import store as appointments


BLOCKING = ("booked", "arrived")  # the appointments that hold their counter's time


def periods(schedule, now):
    """Today's open periods [(start, end)] (aware) from now on."""
    day = now.date()
    spans = [
        (datetime.combine(day, opens, tzinfo=now.tzinfo), datetime.combine(day, closes, tzinfo=now.tzinfo))
        for opens, closes in schedule.ranges_on(day)
    ]
    return [(start, end) for start, end in spans if end > now]


def closing(schedule, now):
    """Today's last closing (aware), None when the desk does not open today."""
    spans = periods(schedule, now)
    return OpenTime(spans).closing()


def desk_bookings(desk, day):
    """The day's appointments at a desk, every agenda's."""
    return [booking for book in appointments.books() for booking in book.day(day) if booking.desk == desk]


def desk_counters(desk_rules):
    """{code: QueueCounter-like (prefixes merged over the desk's queues)}."""
    merged = {}
    for rules in desk_rules:
        for counter in rules.counters:
            prefixes, label = merged.get(counter.code, (set(), counter.label))
            prefixes |= set(counter.prefixes) if counter.prefixes else {entry.prefix for entry in rules.services}
            merged[counter.code] = (prefixes, label)
    return merged


def servers(desk, desk_rules, now, samples_of, default_of, bookings=None):
    """The estimate's Servers: the open counters (all configured when none is open)."""
    bookings = desk_bookings(desk, now.date()) if bookings is None else bookings
    found = []
    for code, (prefixes, _label) in sorted(desk_counters(desk_rules).items()):
        state = counter_state(desk, code)
        blocks = tuple((b.start, b.end) for b in bookings if b.counter == code and b.status in BLOCKING and b.end > now and not _at(state, b))
        busy = _busy_until(state, now, samples_of, default_of)
        found.append((state is not None and state.open, Server(code, frozenset(prefixes), busy, blocks)))
    opened = [server for is_open, server in found if is_open]
    return opened or [server for _open, server in found]


def _at(state, booking):
    return state is not None and state.current == ("booking", booking.code)


def _busy_until(state, now, samples_of, default_of):
    """When the counter's current visit ends (estimate.serving_until), None when idle."""
    if state is None or state.current is None or state.since is None:
        return None
    kind, code = state.current
    if kind == "booking":
        booking = appointments.find(code)[1]
        return serving_until(now, state.since, length=booking.end - booking.start) if booking is not None else None
    ticket = find(code)[1]
    if ticket is None:
        return None
    return serving_until(now, state.since, samples_of(ticket.prefix), default_of(ticket.prefix))


class DeskForecast:
    """The forecast of every waiting ticket of a desk's queues at `now`."""

    def __init__(self, desk, desk_rules, schedule, now, bookings=None):
        self.desk, self.rules, self.now = desk, list(desk_rules), now
        self.lines = {rules.queue: line_of(rules.queue) for rules in self.rules}
        self.periods = periods(schedule, now)
        self.closing = OpenTime(self.periods).closing()
        self._samples, self._defaults = {}, {}
        for rules in self.rules:
            line = self.lines[rules.queue]
            for entry in rules.services:
                self._samples.setdefault(entry.prefix, line.samples(now.date(), entry.prefix) if line is not None else [])
                self._defaults.setdefault(entry.prefix, entry.minutes)
        self._minutes = {prefix: median_minutes(self._samples[prefix], self._defaults[prefix]) for prefix in self._samples}
        self.servers = servers(
            desk, self.rules, now, lambda prefix: self._samples.get(prefix, ()), lambda prefix: self._defaults.get(prefix, 0), bookings
        )
        self.waiting = sorted(
            (ticket for line in self.lines.values() if line is not None for ticket in line.waiting_on(now.date())),
            key=lambda ticket: ticket.rank(),
        )
        self.calls = forecast(self.waiting, self.servers, now, self.periods, self.minutes_of)

    def minutes_of(self, prefix):
        return self._minutes.get(prefix, 0.0)

    def waiting_in(self, queue):
        return [ticket for ticket in self.waiting if ticket.queue == queue]

    def of(self, ticket):
        return self.calls.get(ticket.code)

    def new_ticket(self, rules, prefix):
        """The Forecast of a ticket taken now in `rules`' queue (not stored)."""
        probe = _Probe(rules.queue, prefix)
        return forecast([*self.waiting, probe], self.servers, self.now, self.periods, self.minutes_of)[probe.code]


class _Probe:
    code = "?"

    def __init__(self, queue, prefix):
        self.queue, self.prefix = queue, prefix

    def rank(self):
        return (2, 0, 0)
