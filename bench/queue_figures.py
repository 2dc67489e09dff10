"""The replay's figures (bench/queue_replay.py), computed from the replayed tickets only.

- error at ticket time: |forecast call given when the ticket was taken - its first real
  call|, minutes, over the tickets that were called (mean = MAE, median, p90; the bias is
  the mean of real - forecast: > 0 when calls come later than said);
- notices: over the tickets called at least `notify_minutes + 2` minutes after they were
  taken (a notice 8 to 12 minutes before the call was possible for them), the share whose
  notice came between `notify_minutes - 2` and `notify_minutes + 2` minutes before the
  call (target >= 80 %); a ticket called before any notice counts as missed ("none");
  the tickets called sooner were told their wait when they took the ticket;
  "8+ min" is the share told at least `notify_minutes - 2` minutes before (early or on time:
  nobody misses the call for a late notice);
- by the hour the ticket was taken, the same figures. A ticket still waiting when the desk
  closes (the estimate did not foresee a counter leaving) has no call: it is counted
  apart, in no figure.
"""

from collections import defaultdict
import statistics


TARGET = 0.80
BAND = 2  # minutes either side of notify_minutes


def minutes(delta):
    return delta.total_seconds() / 60


def quantile(values, q):
    """Nearest rank; 0 for no values."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def errors(tickets):
    """Signed minutes (real call - forecast at ticket time) of the called tickets."""
    return [minutes(t.called - t.estimate) for t in tickets if t.called is not None and t.estimate is not None]


def notice_leads(tickets, notify):
    """[lead minutes or None (no notice before the call)] of the tickets a timely notice was possible for."""
    leads = []
    for ticket in tickets:
        if ticket.called is None or minutes(ticket.called - ticket.taken) < notify + BAND:
            continue
        told = ticket.notified is not None and ticket.notified <= ticket.called
        leads.append(minutes(ticket.called - ticket.notified) if told else None)
    return leads


def figures(tickets, notify):
    signed = errors(tickets)
    absolute = [abs(e) for e in signed]
    leads = notice_leads(tickets, notify)
    on_time = [lead for lead in leads if lead is not None and notify - BAND <= lead <= notify + BAND]
    return {
        "tickets": len(tickets),
        "called": len(signed),
        "mae": statistics.fmean(absolute) if absolute else 0.0,
        "median": quantile(absolute, 0.5),
        "p90": quantile(absolute, 0.9),
        "bias": statistics.fmean(signed) if signed else 0.0,
        "eligible": len(leads),
        "on_time": len(on_time),
        "share": len(on_time) / len(leads) if leads else 1.0,
        "not_late": sum(1 for lead in leads if lead is not None and lead >= notify - BAND) / len(leads) if leads else 1.0,
        "early": sum(1 for lead in leads if lead is not None and lead > notify + BAND),
        "late": sum(1 for lead in leads if lead is not None and lead < notify - BAND),
        "none": sum(1 for lead in leads if lead is None),
        "wait": statistics.fmean(minutes(t.called - t.taken) for t in tickets if t.called) if signed else 0.0,
    }


def by_hour(tickets):
    hours = defaultdict(list)
    for ticket in tickets:
        hours[ticket.taken.hour].append(ticket)
    return dict(sorted(hours.items()))


COLUMNS = (
    ("tickets", 7),
    ("wait", 6),
    ("MAE", 6),
    ("median", 6),
    ("p90", 6),
    ("bias", 6),
    ("notices", 8),
    ("on time", 8),
    ("early", 5),
    ("late", 5),
    ("none", 5),
)
HEAD = " ".join([" " * 14, *(f"{name:>{width}}" for name, width in COLUMNS)])


def row(label, f):
    share = f"{f['share']:.0%}" if f["eligible"] else "-"
    not_late = f"{f['not_late']:.0%}" if f["eligible"] else "-"
    return (
        f"{label:<14} {f['tickets']:>7} {f['wait']:>6.1f} {f['mae']:>6.2f} {f['median']:>6.2f} {f['p90']:>6.2f} {f['bias']:>+6.2f} "
        f"{f['eligible']:>8} {share:>8} {not_late:>7} {f['early']:>5} {f['late']:>5} {f['none']:>5}"
    )


def report(outcomes, title=""):
    """Print the figures per seed, all seeds together, and by hour (all seeds); return the overall figures."""
    day = outcomes[0].day
    notify = day.notify_minutes
    print(f"\n## Queue replay: {title or day.label} ({len(outcomes)} seeds), notice {notify} min before, target {TARGET:.0%} within ±{BAND} min")
    print("minutes: wait (taken to call), |error| of the estimate at ticket time (MAE, median, p90), bias (real - estimate);")
    print(f"notices: tickets called >= {notify + BAND} min after taking; on time: told {notify - BAND}-{notify + BAND} min before the call")
    print(HEAD)
    everything = []
    for outcome in outcomes:
        notes = [f"{n} refused {why}" for why, n in outcome.refused.items() if n]
        left = sum(1 for t in outcome.tickets if t.called is None)
        notes += [f"{left} still waiting at the closing"] if left else []
        print(row(f"seed {outcome.seed}", figures(outcome.tickets, notify)) + (f"  ({'; '.join(notes)})" if notes else ""))
        everything += outcome.tickets
    overall = figures(everything, notify)
    print(row("all seeds", overall))
    print("by the hour the ticket was taken (all seeds):")
    for hour, tickets in by_hour(everything).items():
        print(row(f"  {hour:02d}:00", figures(tickets, notify)))
    verdict = "met" if overall["share"] >= TARGET else "MISSED"
    print(f"notices on time: {overall['on_time']} of {overall['eligible']} = {overall['share']:.1%} (target {TARGET:.0%}: {verdict})")
    return overall
