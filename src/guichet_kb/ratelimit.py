"""The one rate limit: at most `limit` hits per key in a fixed window, per process.

Kept in memory on purpose: nothing about a visitor is stored, and a limit per
process is enough to stop floods; a proxy in front can add a global one. Used by
the anonymous POSTs of the backend (HTTP 429; clients told apart by
guichet_kb.protection.clients.client_address) and by the public app's feedback
form. Imports nothing from Zope.
"""

import threading
import time


MAX_KEYS = 10000  # past this many keys, windows that are over are forgotten


class RateLimiter:
    def __init__(self, limit, seconds=60):
        self.limit, self.seconds = limit, seconds
        self.lock = threading.Lock()
        self.hits = {}  # key -> (window start, hits in the window)

    def allowed(self, key):
        """Count one hit for ``key``; False when it is over the limit of its window."""
        now = time.monotonic()
        with self.lock:
            if len(self.hits) > MAX_KEYS:
                self.hits = {k: v for k, v in self.hits.items() if now - v[0] < self.seconds}
            start, count = self.hits.get(key, (now, 0))
            if now - start >= self.seconds:
                start, count = now, 0
            if count >= self.limit:
                return False
            self.hits[key] = (start, count + 1)
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
