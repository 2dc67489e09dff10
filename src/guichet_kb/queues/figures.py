"""Queue figures for the dashboard: one local day's tickets as counts (issue 19).

`day_rows(day)` yields ((desk, service, hour, status, taken_by, wait_minutes,
service_minutes), 1) for each ticket of that local day in every queue's line of the site
(store.lines(): every ticket, whoever asks; the panel names only the items the caller may
see). `hour` is the local hour the ticket was taken; `taken_by` its channel (online,
kiosk, agent); `wait_minutes` the whole minutes from taking to its first call (-1 when it
was never called); `service_minutes` from that first call to done (-1 when not done). A
rejoined ticket keeps its first call: the wait the citizen saw. The daily job
(stats/rollup.py) stores these counts in the cubes' measure "queue" once the day is over,
and a query counts today's live (stats/live.py). Nothing personal is read or kept: no
code, no contact, no agent; tickets themselves are removed QUEUE_TICKET_KEEP_DAYS after
their day (store.py), the counts stay.
"""

from guichet_kb import clock


NONE = -1  # no call, or not done: the minutes are not known


def minutes(start, end):
    return max(int((end - start).total_seconds() // 60), 0) if start is not None and end is not None else NONE


def first_call(ticket):
    """The first time the ticket was called (its history's first call, else `called`)."""
    calls = [when for when, event, _who, _detail in getattr(ticket, "history", ()) or () if event == "called"]
    return min(calls) if calls else ticket.called


def row(ticket):
    called = first_call(ticket)
    wait = minutes(ticket.taken, called)
    service = minutes(called, ticket.done) if ticket.status == "done" else NONE
    return (ticket.desk or "", ticket.service or "", clock.local(ticket.taken).hour, ticket.status, ticket.channel, wait, service)


def day_rows(day):
    from guichet_kb.queues import store

    for line in store.lines():
        for ticket in line.day(day):
            yield row(ticket), 1


def oldest_day(today=None):
    """The earliest day of a ticket still kept (tickets stay QUEUE_TICKET_KEEP_DAYS days
    after theirs), None without any: where the daily job's first run starts, with the
    other raw records' oldest day."""
    from datetime import timedelta
    from guichet_kb.facts import QUEUE_TICKET_KEEP_DAYS
    from guichet_kb.queues import store

    today = today or clock.today()
    lines = store.lines()
    for back in range(QUEUE_TICKET_KEEP_DAYS + 1, -1, -1):
        day = today - timedelta(days=back)
        if any(line.day(day) for line in lines):
            return day
    return None
