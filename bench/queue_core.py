"""The replay's state handed to the queue core (bench/queue_replay.py), Zope-free.

The replay decides nothing itself: who a free counter calls is
`guichet_kb.queues.order.choose`, the call times are `guichet_kb.queues.estimate.forecast`
with the service minutes of `estimate.median_minutes` (today's rolling median, the
queue's default until QUEUE_MIN_SAMPLES). This module only builds their arguments from
the replay's tickets, counters and appointments the way queues/state.py builds them from
the store, so the replay measures the estimate the site gives:

- the servers are the open counters (all configured ones when none is open yet); a
  counter at a visit is busy until `estimate.serving_until` (a ticket: the expected rest
  of its service given how long it has lasted; an appointment: its length); the
  appointments booked or arrived, not at their counter yet, block their counter's time;
- the periods are the day's opening ranges from now on (the lunch closure consumes no
  wait); the waiting tickets are given in call order (`Ticket.rank`).
"""

from guichet_kb.queues import estimate
from guichet_kb.queues import order


BLOCKING = ("booked", "arrived")


class Core:
    def __init__(self, day, estimator=estimate):
        self.day, self.estimator = day, estimator

    def minutes_of(self, replay):
        defaults = {service.prefix: service.default for service in self.day.services}
        medians = {prefix: self.estimator.median_minutes(replay.samples[prefix], minutes) for prefix, minutes in defaults.items()}
        return lambda prefix: medians[prefix]

    def periods(self, now):
        spans = [(self.day.at(opens), self.day.at(closes)) for opens, closes in self.day.ranges]
        return [(start, end) for start, end in spans if end > now]

    def servers(self, replay, now, minutes_of):
        found = []
        for counter in sorted(replay.counters.values(), key=lambda c: c.code):
            mine = [b for b in replay.bookings if b.counter == counter.code and b is not counter.current]
            blocks = tuple((b.start, b.end) for b in mine if b.status in BLOCKING and b.end > now)
            busy = None
            if counter.current is not None and hasattr(counter.current, "prefix"):
                prefix = counter.current.prefix
                busy = estimate.serving_until(now, counter.since, replay.samples[prefix], self.day.service(prefix).default)
            elif counter.current is not None:  # an appointment: until its end
                busy = estimate.serving_until(now, counter.since, length=counter.current.end - counter.current.start)
            found.append((counter.open, estimate.Server(counter.code, counter.prefixes, busy, blocks)))
        opened = [server for is_open, server in found if is_open]
        return opened or [server for _open, server in found]

    def forecast(self, replay, tickets, now):
        """{code: call_at} of `tickets` (waiting) at `now`."""
        minutes_of = self.minutes_of(replay)
        ordered = sorted(tickets, key=lambda ticket: ticket.rank())
        calls = self.estimator.forecast(ordered, self.servers(replay, now, minutes_of), now, self.periods(now), minutes_of)
        return {code: found.call_at for code, found in calls.items()}

    def choose(self, replay, counter, now):
        """The ticket or appointment `counter` calls now (order.py), or None."""
        minutes_of = self.minutes_of(replay)
        tickets = [t for t in replay.waiting() if not counter.prefixes or t.prefix in counter.prefixes]
        arrived = [b for b in replay.bookings if b.counter == counter.code and b.status == "arrived"]
        chosen = order.choose(now, tickets, arrived, lambda ticket: minutes_of(ticket.prefix))
        return chosen.item if chosen is not None else None
