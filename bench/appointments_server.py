"""`runwsgi` for the appointments benchmark, counting the requests Zope retried.

Zope publishes a request again (up to `max-conflict-retries` times) when its commit
raised a ConflictError: two bookings of a common cell write the same BTree key
(appointments/store.py), one commits and the other is retried, sees the cell taken
and answers 409. ZPublisher notifies PubFailure(retry=True) before each retry; this
appends one line per retry (the exception's class and the path) to RETRY_LOG, which
bench/appointments_bench.py counts. Nothing else differs from `runwsgi ZOPE_INI`.

Usage: appointments_server.py ZOPE_INI RETRY_LOG
"""

import sys
import threading
from zope.component import provideHandler
from Zope2.Startup.serve import main
from ZPublisher.interfaces import IPubFailure


ZOPE_INI, RETRY_LOG = sys.argv[1:3]
_lock = threading.Lock()


def count_retry(event):
    if not event.retry:
        return
    line = f"{type(event.exc_info[1]).__name__} {event.request.get('PATH_INFO', '')}\n"
    with _lock, open(RETRY_LOG, "a", encoding="utf-8") as log:
        log.write(line)


if __name__ == "__main__":
    provideHandler(count_retry, (IPubFailure,))
    sys.exit(main([sys.argv[0], ZOPE_INI]) or 0)
