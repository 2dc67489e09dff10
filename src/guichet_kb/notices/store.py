"""Where an item's notices live, and every write to them (REST and the Classic form).

The list is an annotation of the item (KEY), replaced whole on each write and
copied into the catalog (the `guichet_notices` column and the `notice_moments`
index, indexers.py), so listings read it without waking items. Each write appends
to the item's notices log (LOG): what was done, the notice as it then stood, who
and when; a reviewer acknowledges the entries afterwards (``acknowledge``: four
eyes after the fact, never one's own entries unless allowed to override four
eyes). The site keeps the UIDs of items with entries to acknowledge (PENDING), so
the review queue finds them without a catalog scan.

A write reindexes the item's notice columns and purges it like an edit
(plone.app.caching's Purge event: caching/purge.py bans it with the aggregate
reads and the public pages when the item is published). It does not mark the
item modified: a notice is not an edit of the content under review.

Ended notices are dropped from the list at the next write (the log keeps them).
"""

from BTrees.OOBTree import OOBTree
from guichet_kb import clock
from guichet_kb.annotations import site_store
from guichet_kb.facts import NOTICE_MOMENTS_INDEX
from guichet_kb.notices import is_active
from guichet_kb.notices import when
from persistent.list import PersistentList
from plone import api
from uuid import uuid4
from z3c.caching.purge import Purge
from zope.annotation.interfaces import IAnnotations
from zope.event import notify


KEY = "guichet_kb.notices"
LOG = "guichet_kb.notices_log"
PENDING = "guichet_kb.notices_pending"
ACTIONS = ("created", "changed", "withdrawn")  # what a log entry records


def notices(obj):
    """The item's notices (plain dicts, in start order), ended ones included until the next write."""
    return [dict(notice) for notice in IAnnotations(obj).get(KEY, ())]


def log(obj):
    """The item's notices log, oldest first (plain dicts)."""
    return [dict(entry) for entry in IAnnotations(obj).get(LOG, ())]


def find(obj, notice_id):
    for notice in notices(obj):
        if notice["id"] == notice_id:
            return notice
    return None


def _stamp():
    return clock.now().isoformat(timespec="seconds")


def _save(obj, kept, action, notice, actor):
    now = clock.now()
    kept = [n for n in kept if when(n.get("end")) is None or when(n["end"]) > now or n is notice]
    annotations = IAnnotations(obj)
    annotations[KEY] = tuple(sorted(kept, key=lambda n: (n["start"], n["id"])))
    entries = annotations.get(LOG)
    if entries is None:
        entries = annotations[LOG] = PersistentList()
    entries.append({"action": action, "notice": dict(notice), "by": actor, "at": _stamp(), "acknowledged_by": None, "acknowledged_at": None})
    site_store(PENDING, OOBTree)[obj.UID()] = True
    obj.reindexObject(idxs=[NOTICE_MOMENTS_INDEX])  # and the metadata columns
    notify(Purge(obj))


def _actor():
    return api.user.get_current().getId()


def add(obj, fields):
    """A new notice from checked fields (validation.checked); returns it."""
    actor = _actor()
    notice = {"id": uuid4().hex[:12], **fields, "by": actor, "at": _stamp()}
    _save(obj, [*notices(obj), notice], "created", notice, actor)
    return notice


def change(obj, notice_id, fields):
    """The notice with new checked fields; returns it (None if unknown)."""
    old = find(obj, notice_id)
    if old is None:
        return None
    actor = _actor()
    notice = {**old, **fields, "by": actor, "at": _stamp()}
    _save(obj, [notice if n["id"] == notice_id else n for n in notices(obj)], "changed", notice, actor)
    return notice


def withdraw(obj, notice_id):
    """The notice removed (kept in the log); returns it (None if unknown)."""
    old = find(obj, notice_id)
    if old is None:
        return None
    _save(obj, [n for n in notices(obj) if n["id"] != notice_id], "withdrawn", old, _actor())
    return old


def to_acknowledge(obj):
    """The log entries no reviewer acknowledged yet."""
    return [entry for entry in log(obj) if not entry.get("acknowledged_by")]


def acknowledge(obj, reviewer, own_allowed=False):
    """Mark the entries not acknowledged yet as seen by ``reviewer``: not the ones
    ``reviewer`` wrote, unless ``own_allowed``. Returns (acknowledged, left)."""
    entries = IAnnotations(obj).get(LOG, ())
    done = left = 0
    for index, entry in enumerate(entries):
        if entry.get("acknowledged_by"):
            continue
        if entry["by"] == reviewer and not own_allowed:
            left += 1
            continue
        entries[index] = {**entry, "acknowledged_by": reviewer, "acknowledged_at": _stamp()}
        done += 1
    pending = site_store(PENDING)
    if not left and pending is not None and obj.UID() in pending:
        del pending[obj.UID()]
    return done, left


def pending_uids():
    """UIDs of the items with notices log entries to acknowledge (GET never writes: no store, none)."""
    pending = site_store(PENDING)
    return list(pending.keys()) if pending is not None else []


def active(obj, now=None):
    return [n for n in notices(obj) if is_active(n, now)]
