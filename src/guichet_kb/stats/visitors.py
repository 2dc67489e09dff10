"""One page view per visitor, sheet and day: popularity is not movable by one client.

Kept in this process's memory only, never stored: a visit is a keyed hash
(HMAC-SHA256, truncated to 64 bits) of the client address and the sheet UID, under
a random key drawn for the day and never written anywhere. When the day changes the
key and the day's hashes are dropped, so nothing links a count to an address once
the day is over, and nothing personal ever reaches the database or a disk (CNIL:
no personal data kept that is not needed). What is stored is the count per sheet
and day (stats/store.py).

Bounds: each Zope instance keeps its own set, so one client counts at most once per
sheet and day per instance (and once more after a restart); past MAX_SEEN visits
in a day the process counts no more views until the next day (fail closed:
flooding it takes that many distinct addresses).
"""

from guichet_kb import clock
import hashlib
import hmac
import secrets
import threading
import transaction


MAX_SEEN = 200_000

_lock = threading.Lock()
_day = {"date": None, "key": b"", "seen": set(), "pending": set()}


def first_visit(client, uid, today=None):
    """True the first time this client views this sheet today (then count it), else False.

    A visit becomes "seen" when the request's transaction commits: a request that
    Zope retries after a ConflictError is not taken for a second visit."""
    today = today or clock.today()
    with _lock:
        if _day["date"] != today:
            _day.update(date=today, key=secrets.token_bytes(32), seen=set(), pending=set())
        digest = hmac.new(_day["key"], f"{client}\n{uid}".encode(), hashlib.sha256).digest()[:8]
        if digest in _day["seen"] or digest in _day["pending"] or len(_day["seen"]) + len(_day["pending"]) >= MAX_SEEN:
            return False
        _day["pending"].add(digest)
    current = transaction.get()
    current.addAfterCommitHook(_settle, args=(today, digest))
    current.addAfterAbortHook(_settle, args=(False, today, digest))
    return True


def _settle(committed, today, digest):
    with _lock:
        if _day["date"] == today:
            _day["pending"].discard(digest)
            if committed:
                _day["seen"].add(digest)


def forget():
    """Drop today's key and visits (tests; a new key is drawn on the next visit)."""
    with _lock:
        _day.update(date=None, key=b"", seen=set(), pending=set())
