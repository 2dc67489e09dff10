"""The virtual queue (issue 19): tickets taken from a phone, at the desk's kiosk or by an
agent, called at the desk's counters with the arrived appointments, their wait estimated.

- rules.py: a Queue item's configuration as frozen data (Zope-free);
- ticket.py, store.py: the tickets, in one site store (the ZODB, as the bookings);
- order.py: who a counter calls next; estimate.py: when each waiting ticket is called;
- counters.py: the counters' actions (open, call the next, recall, missed, done, transfer,
  priority), each step time-stamped in the ticket's history.

Storage: the ZODB, like the bookings (FileStorage on one machine, RelStorage on
PostgreSQL for the cluster): a restart loses no ticket, and the conflict-free structures
(numbered claim keys, one Persistent per ticket, BTrees.Length counters) let many small
writes from many callers merge; the rare true conflicts (two agents calling the same
ticket, two takers claiming one number) are retried by Zope.

Personal data (CNIL): a ticket keeps no name. Its optional e-mail address or phone (for
the notices) is kept on the ticket in that store until the ticket ends (done, cancelled;
a missed ticket at the end of its day, while it may rejoin), then erased; the nightly job
erases what is left of past days. Tickets themselves (number, times, statuses, channel,
no contact) are removed QUEUE_TICKET_KEEP_DAYS days after their day (the figures are
rolled up before).

Part tickets (REST): api/queues (GET @queues), api/queue_tickets (@queue-tickets),
api/queue_notifications; queues/describe.py (the JSON), links.py, notice_texts.py,
notices.py, senders.py, purge.py.
Part counters: api/queue_counter (@queue-counter), browser/queue_counter.py (the counter's
screen), figures.py (the dashboard's counts).
"""
