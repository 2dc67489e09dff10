"""The queue benchmark's verdict on the store read back (bench/queue_check.py), pure:
which decides the exit code of `make bench-queue`, and the notices' lateness."""

LATENESS_TARGET_S = 30


def problems(tickets, taken, called):
    """What is wrong with the stored day, given the codes the takers got and the agents called."""
    found = [] if tickets else ["no ticket in the store"]
    numbers = sorted(t.number for t in tickets)
    if numbers != list(range(1, len(numbers) + 1)):
        found.append(f"numbers not 1..{len(numbers)} once each")
    codes = {t.code for t in tickets}
    if len(codes) != len(tickets):
        found.append("two tickets share a code")
    if set(taken) - codes:
        found.append(f"{len(set(taken) - codes)} tickets given to a taker are not in the store")
    if codes - set(taken):
        found.append(f"{len(codes - set(taken))} stored tickets no taker was given")
    if len(called) != len(set(called)):
        found.append(f"{len(called) - len(set(called))} tickets called twice")
    left = [t.label for t in tickets if t.status != "done"]
    if left:
        found.append(f"{len(left)} tickets not served, e.g. {left[:3]}")
    return found


def lateness(tickets, not_due):
    """Seconds from each notice's due time to its stored send time, an upper bound: the due
    time is taken as the observer's last read where the ticket was not due yet (or its
    taking, when it was due at once)."""
    late = []
    for ticket in tickets:
        if ticket.notified is None:
            continue
        since = not_due.get(ticket.label)
        late.append(ticket.notified.timestamp() - (since if since is not None else ticket.taken.timestamp()))
    return late
