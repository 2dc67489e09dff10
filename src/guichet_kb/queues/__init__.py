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

Personal data (CNIL) — what is kept, where, how long:
- a ticket's contact, the e-mail address and/or phone the citizen chose to give (both
  optional; a phone only where an SMS sender is registered, queues/senders.py), is kept
  on the ticket in the site's store "guichet_kb.queues" (queues/store.py, the ZODB)
  only to send its notices: it is erased when the ticket ends — done or cancelled (the
  citizen leaves: DELETE @queue-tickets) at once, missed ones and any left waiting at
  the end of their day by the nightly job (queues/purge.py, `Line.purge`);
- the ticket itself (number, service, desk, times, status, channel, counter, the
  agent's id, its history) stays without contact for facts.QUEUE_TICKET_KEEP_DAYS days
  for the dashboard's figures, then is removed by the same job;
- no name is asked; the notices themselves are not kept (queues/notices.py); the
  tracking link's token holds the code and a time only (queues/links.py); the rate
  limit of anonymous takes is kept in memory (guichet_kb/ratelimit.py).

Part tickets (REST): api/queues (GET @queues), api/queue_tickets (@queue-tickets),
api/queue_notifications; queues/describe.py (the JSON), links.py, notice_texts.py,
notices.py, senders.py, purge.py.
Part counters: api/queue_counter (@queue-counter), browser/queue_counter.py (the counter's
screen), figures.py (the dashboard's counts).
"""
