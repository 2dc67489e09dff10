"""The one rate limit: at most `limit` hits per key in a fixed window, per process.

Kept in memory on purpose: nothing about a visitor is stored, and a limit per
process is enough to stop floods; a proxy in front can add a global one. Used by
the anonymous POSTs of the backend (HTTP 429; clients told apart by
guichet_kb.protection.clients.client_address) and by the public app's feedback
form. Imports nothing from Zope.
"""

from collections import OrderedDict
import threading
import time


MAX_KEYS = 10000  # at most this many keys: the oldest windows are forgotten first


class RateLimiter:
    def __init__(self, limit, seconds=60):
        self.limit, self.seconds = limit, seconds
        self.lock = threading.Lock()
        # key -> (window start, hits in the window), oldest window first: expired
        # windows are dropped from the front, so each hit costs O(1) however many
        # clients there are, and the table never holds more than MAX_KEYS.
        self.hits = OrderedDict()

    def allowed(self, key):
        """Count one hit for ``key``; False when it is over the limit of its window."""
        now = time.monotonic()
        with self.lock:
            hits = self.hits
            while hits and (now - next(iter(hits.values()))[0] >= self.seconds or len(hits) >= MAX_KEYS):
                hits.popitem(last=False)
            start, count = hits.get(key, (now, 0))
            if now - start >= self.seconds:
                start, count = now, 0
            if count >= self.limit:
                return False
            if count == 0:
                hits.pop(key, None)  # a new window goes to the back
            hits[key] = (start, count + 1)
            return True

    def clear(self):
        with self.lock:
            self.hits.clear()


_limiters = {}
_limiters_lock = threading.Lock()


def limiter(bucket, limit, seconds=60):
    """The process's limiter for a named bucket (one per bucket, limit and window)."""
    with _limiters_lock:
        key = (bucket, limit, seconds)
        if key not in _limiters:
            _limiters[key] = RateLimiter(limit, seconds)
        return _limiters[key]


def allowed(bucket, client, limit, seconds=60):
    return limiter(bucket, limit, seconds).allowed(client)


def clear():
    """Forget every bucket's hits (tests)."""
    with _limiters_lock:
        for one in _limiters.values():
            one.clear()
