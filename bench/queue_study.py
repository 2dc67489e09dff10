"""Why the notices miss the 8-12 minute window, and what would change it (make
bench-queue-replay prints this after the replay; `queue_study.py` alone too).

The replay's day again (same seeds) with the estimate's inputs changed one at a time,
each variant a `Core` (bench/queue_core.py) with one input as the first core had it.
The variants, and the proposal for the notice job:

- "appointment end" (now in queues/state.py): a counter serving an appointment is busy
  until the appointment's length after its call (the first core took it as free now);
- "residual" (now in queues/estimate.py `serving_until`): a counter serving a ticket is
  busy for the expected rest of that service given how long it has lasted (the mean of
  today's samples longer than that, minus it), not until call + median (free "now" once
  the median is past, which is optimistic exactly when the queue is slow);
- "margin +1": the notice job tells a ticket when its forecast call is <= notify + 1
  minutes away (a conservative margin: fewer notices too late, more too early).

First the sources of error on the stated day without any spread (every service its
median), then the variants on the stated day.
"""

from dataclasses import replace
from datetime import timedelta
from queue_core import Core
from queue_day import t
from queue_day import TOWN_HALL
from queue_figures import figures
import queue_replay


class Variant(Core):
    """The site's estimate with an input as the first core had it (a flag False):
    appointment_end False, a counter at an appointment counts as free now; residual
    False, a counter at a ticket frees at its call + the median (not before now)."""

    def __init__(self, day, appointment_end=True, residual=True):
        super().__init__(day)
        self.appointment_end, self.residual = appointment_end, residual

    def servers(self, replay, now, minutes_of):
        changed = []
        for server in super().servers(replay, now, minutes_of):
            counter = replay.counters[server.code]
            current, busy = counter.current, server.busy_until
            if current is not None and hasattr(current, "prefix") and not self.residual:
                busy = max(now, counter.since + timedelta(minutes=minutes_of(current.prefix)))
            elif current is not None and not hasattr(current, "prefix") and not self.appointment_end:
                busy = None
            changed.append(server._replace(busy_until=busy))
        return changed


class Margin(queue_replay.Replay):
    margin = 1

    def notify(self, now):
        lead = timedelta(minutes=self.day.notify_minutes + self.margin)
        waiting = self.waiting()
        for code, call_at in self.core.forecast(self, waiting, now).items():
            ticket = next(w for w in waiting if w.code == code)
            if ticket.notified is None and call_at is not None and call_at - now <= lead:
                ticket.notified = now


def measured(day, seeds, margin=False, **variant):
    play = Margin if margin else queue_replay.Replay
    return figures([ticket for seed in seeds for ticket in play(day, seed, Variant(day, **variant)).run().tickets], day.notify_minutes)


def line(label, found):
    return (
        f"{label:<44} {found['mae']:>6.2f} {found['p90']:>6.2f} {found['bias']:>+6.2f} {found['share']:>8.0%} {found['not_late']:>7.0%}"
        f" {found['early']:>5} {found['late']:>5} {found['eligible']:>8}"
    )


def study(day=TOWN_HALL, seeds=range(1, 9)):
    seeds = list(seeds)
    head = f"{'':<44} {'MAE':>6} {'p90':>6} {'bias':>6} {'on time':>8} {'8+ min':>7} {'early':>5} {'late':>5} {'notices':>8}"
    still = replace(day, services=tuple(replace(s, sigma=0.0, default=round(s.median)) for s in day.services))
    all_day = tuple(replace(s, opens=t("08:30"), closes=t("17:00")) for s in day.shifts if s.counter != "G5")
    print(f"\n## Study 1: where the error comes from (no spread: every service its median; {len(seeds)} seeds)")
    print(head)
    print(line("the first core (call + median, appointments free)", measured(still, seeds, appointment_end=False, residual=False)))
    print(line("  + appointment end known", measured(still, seeds, residual=False)))
    print(line("  + residual = as the site estimates", measured(still, seeds)))
    print(line("  + no no-show, no priority", measured(replace(still, no_show_rate=0, priority_rate=0), seeds)))
    calm = replace(still, no_show_rate=0, priority_rate=0, appointments=())
    print(line("  + no appointment", measured(calm, seeds)))
    print(line("  + counters open all day (no shift change)", measured(replace(calm, shifts=all_day), seeds)))
    spread_only = replace(day, shifts=all_day, appointments=(), no_show_rate=0, priority_rate=0)
    print(line("the stated spread alone (none of the above)", measured(spread_only, seeds)))
    print(f"\n## Study 2: the proposals on the stated day ({len(seeds)} seeds)")
    print(head)
    print(line("the first core (call + median, appointments free)", measured(day, seeds, appointment_end=False, residual=False)))
    print(line("  + appointment end", measured(day, seeds, residual=False)))
    print(line("  + residual = as the site estimates", measured(day, seeds)))
    print(line("  + margin +1", measured(day, seeds, margin=True)))


if __name__ == "__main__":
    study()
