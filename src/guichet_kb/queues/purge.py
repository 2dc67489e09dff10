"""The nightly erasure of queue tickets' contacts, and the removal of old tickets.

One of the nightly jobs (stats/rollup.py DAILY_JOBS, `guichet-kb rollup`): every line's
`Line.purge(today)` (queues/store.py) closes the tickets of the days before today still
open (missed), erases the e-mail address and phone of those that still hold one (missed
tickets, and any the day left waiting: a ticket done or cancelled lost its contact when
it ended) and removes the tickets older than facts.QUEUE_TICKET_KEEP_DAYS (kept that
long, without contact, for the dashboard's figures). Idempotent; the answer counts the
tickets this run erased (with a contact or not: `Line.purge` marks every ticket of a past
day erased) and removed.
"""

from guichet_kb import clock


def erase(today=None):
    """The daily job's hook: {"queue_tickets_erased": n, "queue_tickets_removed": m}."""
    from guichet_kb.queues import store

    today = today or clock.today()
    erased = removed = 0
    for line in store.lines():
        counts = line.purge(today)
        erased += counts.get("erased", 0)
        removed += counts.get("removed", 0)
    return {"queue_tickets_erased": erased, "queue_tickets_removed": removed}
