"""`runwsgi` for the queue benchmark (make bench-queue): counts the requests Zope retried
after a ConflictError, and logs the requests the public site's app makes to Plone.

- retries: as bench/appointments_server.py, one line per retry ("retry <class> <path>")
  before ZPublisher publishes the request again (two agents calling one ticket write
  the same Ticket object: one commits, the other is retried and calls the next);
- the public app's requests: the public app speaks to Plone with httpx (its user agent
  starts with "python-httpx"), the bench's own clients with requests; each request of the
  public app is logged ("public <unix time> <path>") when it starts, so the bench counts
  what 500 open tracking pages cost Plone.

Usage: queue_server.py ZOPE_INI LOG
"""

import sys
import threading
import time
from zope.component import provideHandler
from Zope2.Startup.serve import main
from ZPublisher.interfaces import IPubFailure
from ZPublisher.interfaces import IPubStart


ZOPE_INI, LOG = sys.argv[1:3]
PUBLIC_AGENT = "python-httpx"
_lock = threading.Lock()


def write(line):
    with _lock, open(LOG, "a", encoding="utf-8") as log:
        log.write(line)


def count_retry(event):
    if event.retry:
        write(f"retry {type(event.exc_info[1]).__name__} {event.request.get('PATH_INFO', '')}\n")


def log_public(event):
    request = event.request
    if request.get("HTTP_USER_AGENT", "").startswith(PUBLIC_AGENT):
        write(f"public {time.time():.3f} {request.get('PATH_INFO', '')}\n")


if __name__ == "__main__":
    provideHandler(count_retry, (IPubFailure,))
    provideHandler(log_public, (IPubStart,))
    sys.exit(main([sys.argv[0], ZOPE_INI]) or 0)
