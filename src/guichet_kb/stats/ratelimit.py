"""A small per-client, per-process rate limit for anonymous POSTs (HTTP 429).

Kept in memory on purpose: nothing about a visitor is stored, and a limit per
Zope process is enough to stop floods; a proxy in front can add a global one.
Clients are told apart by guichet_kb.protection.clients.client_address (proxies).
"""

import threading
import time


_lock = threading.Lock()
_hits = {}


def allowed(bucket, client, limit, seconds=60):
    now = time.monotonic()
    key = (bucket, client)
    with _lock:
        start, count = _hits.get(key, (now, 0))
        if now - start >= seconds:
            start, count = now, 0
        if count >= limit:
            return False
        _hits[key] = (start, count + 1)
        if len(_hits) > 10000:  # forget old windows
            for old in [k for k, (s, _c) in _hits.items() if now - s >= seconds]:
                del _hits[old]
        return True
