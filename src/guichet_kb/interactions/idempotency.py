"""Idempotency keys of POST @interactions: a call that got no answer is sent again safely.

The console and the CLI send a fresh `Idempotency-Key` (a UUID) with each logged
call and, when no answer came back (connection lost, timeout, 502/503/504), send
the same request once more with the same key. If the first attempt was stored,
the second one finds its key here and is answered with the stored record (200,
`Idempotent-Replayed: true`) instead of storing it again.

Exact across instances: the key is written in the same transaction as the record,
into a BTree keyed by it. Two attempts racing on two instances both insert the
same key into the same bucket, which BTrees cannot merge (a "dueling insert"):
one commit raises ConflictError, Zope retries that request from the start, and
the retry finds the key. Keys are spread over 16 trees by their first byte, like
the records, so writers of different keys rarely meet in a bucket split.

No personal data: a slot is the SHA-256 of the caller's user id and the key (a
key counts for its sender only), its value is the record's place and a hash of
the request body. A key is remembered for `IDEMPOTENCY_HOURS` (24 h): after that
a request with it is stored as new, and `purge()` (run by POST
@interactions-purge) removes it from the database.
"""

from BTrees.OOBTree import OOBTree
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.annotations import site_store
from guichet_kb.facts import IDEMPOTENCY_HOURS
from guichet_kb.facts import IDEMPOTENCY_KEY_PATTERN
from guichet_kb.interactions import store
import hashlib
import json
from persistent import Persistent
import re


KEY = "guichet_kb.interaction_keys"
SHARDS = 16
KEEP = timedelta(hours=IDEMPOTENCY_HOURS)
VALID_KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)


class IdempotencyKeys(Persistent):
    def __init__(self):
        self.shards = tuple(OOBTree() for _shard in range(SHARDS))


def _container(create):
    return site_store(KEY, IdempotencyKeys if create else None)


def valid(key):
    return isinstance(key, str) and VALID_KEY.fullmatch(key) is not None


def slot(userid, key):
    """Where this caller's key is kept: a hash, so neither the user id nor the key is stored."""
    return hashlib.sha256(f"{userid}\n{key}".encode()).hexdigest()


def fingerprint(body):
    """A hash of the request body (a JSON object), the same for the same content."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _tree(keys, where):
    return keys.shards[int(where[:2], 16) % SHARDS]


def _fresh(record_key, now):
    return store.moment_of(record_key) > now - KEEP


def find(where):
    """(shard, record key, body fingerprint) remembered at this slot, or None (unknown or expired)."""
    keys = _container(create=False)
    entry = _tree(keys, where).get(where) if keys is not None else None
    if entry is None or not _fresh(entry[1], clock.now()):
        return None
    return entry


def remember(where, shard, record_key, body_fingerprint):
    """Keep the slot of a record just stored, in the same transaction."""
    _tree(_container(create=True), where)[where] = (shard, record_key, body_fingerprint)


def purge():
    """Forget the keys older than `KEEP`; returns how many."""
    keys = _container(create=False)
    if keys is None:
        return 0
    now = clock.now()
    removed = 0
    for tree in keys.shards:
        old = [where for where, entry in tree.items() if not _fresh(entry[1], now)]
        for where in old:
            del tree[where]
        removed += len(old)
    return removed


def count():
    keys = _container(create=False)
    return sum(len(tree) for tree in keys.shards) if keys is not None else 0
