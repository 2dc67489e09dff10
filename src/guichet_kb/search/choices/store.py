"""Where agents' choices are counted, how they decay and when they go.

One persistent container annotated on the site (created on the first choice,
so no upgrade step): 16 OOBTrees keyed by `(normalised query, UID, day)` whose
values are `BTrees.Length` counters. A query's entries all live in the shard
of its key (CRC-32), so `boosts()` is one range read. Conflict-friendly like
the interaction log: two agents choosing different items insert different
keys (merged by BTrees), two choosing the same item the same day increment one
Length (merged too); only a bucket split makes writers of one shard retry.
Everything is written in the transaction of the logged call: a retried request
or an idempotent replay never counts twice.

What is stored: the query's normalised key (stems, no stop words), its words
folded (`labels`, so that editors read a query and can make it a best bet),
the chosen item's UID and the day — no user id, no caller, no free text (the
query was screened first: `screen.py`).

Decay: a choice weighs 0.5 ** (age in days / HALF_LIFE_DAYS), a constant and
not a setting: it is a property of the ranking (what "recent" means for the
counts), not a local policy, and the replay test and the bench hold it fixed.
60 days: a season's demand (school enrolment, elections) fades in a few months,
and a year-old choice weighs 1.5 %. The boost `1 - exp(-decayed / SATURATION)`
is in 0..1: one choice gives 0.28, three 0.63, ten 0.96; the engine multiplies
it by WEIGHTS["chosen"], which caps what choices can do against the text match.

Retention: the interaction log's (store.RETENTION_RECORD). `purge()` (run by
POST @interactions-purge) drops the days older than its cutoff and the items
deleted since.
"""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from contextlib import contextmanager
import contextvars
from guichet_kb import clock
from guichet_kb.annotations import site_store
from guichet_kb.interactions import store as interactions
from guichet_kb.search.choices import screen
from guichet_kb.search.text import normalised
from guichet_kb.search.text import words
import math
from persistent import Persistent
from plone import api
import zlib


KEY = "guichet_kb.agent_choices"
SHARDS = 16
HALF_LIFE_DAYS = 60
SATURATION = 3.0
_UNBOOSTED = contextvars.ContextVar("guichet_kb_choices_unboosted", default=False)


class AgentChoices(Persistent):
    def __init__(self):
        self.shards = tuple(OOBTree() for _shard in range(SHARDS))
        self.labels = OOBTree()  # normalised key -> the query's folded words


def container(create=False):
    return site_store(KEY, AgentChoices if create else None)


def _tree(choices, key):
    return choices.shards[zlib.crc32(key.encode()) % SHARDS]


def _entries(tree, key):
    """(uid, day, count) of this key: one range of the tree (no tuple sorts
    between `(key,)` and `(key + NUL,)` but those whose first element is `key`)."""
    for (_key, uid, day), count in tree.items(min=(key,), max=(key + "\x00",), excludemax=True):
        yield uid, day, count()


def record(query, uid):
    """Count one choice of `uid` for `query`; False (nothing stored) when the
    query has no words or does not pass the screening."""
    key = normalised(query or "")
    if not key or not uid or not screen.allowed(query):
        return False
    choices = container(create=True)
    entry = (key, uid, clock.today().toordinal())
    tree = _tree(choices, key)
    counter = tree.get(entry)
    if counter is None:
        counter = tree[entry] = Length()
    counter.change(1)
    if key not in choices.labels:
        choices.labels[key] = " ".join(words(query))
    return True


def weight(day, today):
    return 0.5 ** ((today - day) / HALF_LIFE_DAYS)


def decayed(key):
    """{UID: decayed count} of the choices made for this normalised key within retention."""
    choices = container()
    entries = list(_entries(_tree(choices, key), key)) if choices is not None and key else []
    if not entries:  # most queries: no clock nor registry read
        return {}
    today, first = clock.today().toordinal(), _first_day()
    found = {}
    for uid, day, count in entries:
        if day >= first:
            found[uid] = found.get(uid, 0.0) + count * weight(day, today)
    return found


def boosts(key):
    """{UID: boost in 0..1} for a normalised query (a read: GET never writes).

    Items no longer published or not visible to the caller are simply never
    among the engine's candidates, so their boost is never used."""
    if _UNBOOSTED.get():
        return {}
    return {uid: 1 - math.exp(-value / SATURATION) for uid, value in decayed(key).items()}


@contextmanager
def unboosted():
    """Inside the block the engine ranks as if no choice was made (the rank editors see)."""
    token = _UNBOOSTED.set(True)
    try:
        yield
    finally:
        _UNBOOSTED.reset(token)


def counts():
    """{(query words, UID): choices within retention}, every key (for editors)."""
    choices = container()
    if choices is None:
        return {}
    first = _first_day()
    found = {}
    for tree in choices.shards:
        for (key, uid, day), count in tree.items():
            if day >= first:
                label = (choices.labels.get(key) or key, uid)
                found[label] = found.get(label, 0) + count()
    return found


def _first_day():
    return interactions.cutoff().date().toordinal()


def purge():
    """Drop the days older than the retention and the items deleted since; how many entries."""
    choices = container()
    if choices is None:
        return 0
    first = _first_day()
    catalog = api.portal.get_tool("portal_catalog")
    uids = {uid for tree in choices.shards for (_key, uid, _day) in tree.keys()}
    gone = uids - {brain.UID for brain in catalog.unrestrictedSearchResults(UID=list(uids))} if uids else set()
    removed = 0
    for tree in choices.shards:
        old = [entry for entry in tree.keys() if entry[2] < first or entry[1] in gone]
        for entry in old:
            del tree[entry]
        removed += len(old)
    kept = {key for tree in choices.shards for (key, _uid, _day) in tree.keys()}
    for key in [key for key in choices.labels.keys() if key not in kept]:
        del choices.labels[key]
    return removed


def count():
    """Entries (query, item, day) kept."""
    choices = container()
    return sum(len(tree) for tree in choices.shards) if choices is not None else 0
