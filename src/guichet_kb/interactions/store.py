"""Interaction log and agent reports in one persistent container of the site.

Built for many agents writing at once: records are spread at random over 16
independent LOBTrees, keyed by time (microseconds x 1024 + 10 random bits).
BTrees' conflict resolution merges two inserts of different keys into one
bucket; what it cannot merge is a bucket split, which changes the tree's inner
node. With one tree per shard a split only troubles writers of that shard, so
simultaneous writes rarely conflict. The total is a BTrees.Length, whose
increments merge. Time-ordered keys make the retention purge a range delete. Everything is in the request's
transaction: when Zope retries after a ConflictError the aborted attempt leaves
nothing behind, so a record is never stored twice nor lost.

No personal data: a record is (time, service UID, channel, outcome, organisation
UID, desk UID), no user id, no free text. The organisation is the body a call was
redirected to (an orientation, issue 16), else empty; the desk is where the agent
works (issue 17), else empty. Records stored before either have fewer fields and
read back with None for them: no migration. Reports keep the reporting agent's id (staff, not citizens)
and a comment screened for e-mail addresses and phone numbers, and their triage state
(triage/: status, who set it and when, merged duplicates); the purge removes them
with it.
"""

from BTrees.Length import Length
from BTrees.LOBTree import LOBTree
from datetime import datetime
from datetime import timezone
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.annotations import site_store
from guichet_kb.interfaces import IGuichetSettings
from guichet_kb.workflow.review import add_months
from persistent import Persistent
from plone import api
import random


KEY = "guichet_kb.interactions"
RETENTION_RECORD = "guichet_kb.interaction_retention_months"  # in the control panel (IGuichetSettings)
SHARDS = 16
NONCE_BITS = 10
# Titles of the tokens of guichet_kb.facts (CALL_CHANNELS, OUTCOMES, REPORT_KINDS), in their order.
CHANNEL_TITLES = {
    "telephone": _("channel_telephone", default="Phone"),
    "accueil": _("channel_accueil", default="Front desk"),
    "courriel": _("channel_courriel", default="E-mail"),
    "chat": _("channel_chat", default="Chat"),
    "courrier": _("channel_courrier", default="Post"),
    "eservice": _("channel_eservice", default="E-services (online forms)"),
    "reseaux_sociaux": _("channel_reseaux_sociaux", default="Social networks"),
    "visio": _("channel_visio", default="Video call"),
}
OUTCOME_TITLES = {
    "answered": _("outcome_answered", default="Answered"),
    "redirected": _("outcome_redirected", default="Redirected"),
    "not_answered": _("outcome_not_answered", default="Could not answer"),
}
REPORT_KIND_TITLES = {
    "incorrect": _("report_incorrect", default="Incorrect information"),
    "no_answer": _("report_no_answer", default="Does not answer the question"),
}


class InteractionLog(Persistent):
    def __init__(self):
        self.shards = tuple(LOBTree() for _shard in range(SHARDS))
        self.total = Length()
        self.reports = LOBTree()


def container(create=True):
    return site_store(KEY, InteractionLog if create else None)


def _low(when):
    """The smallest key of this moment."""
    return int(when.timestamp() * 1_000_000) << NONCE_BITS


def _insert(tree, when, value):
    key = _low(when) + random.getrandbits(NONCE_BITS)
    while key in tree:  # same microsecond and same 10 random bits: try the next key
        key += 1
    tree[key] = value
    return key


def _moment(key):
    return datetime.fromtimestamp((key >> NONCE_BITS) / 1_000_000, timezone.utc)


def add(service, channel, outcome, organisation=None, desk=None, when=None):
    """Store one record (now, or `when`: generated activity, demo/activity.py); its place
    (shard number, key), which `record` reads back."""
    log = container()
    shard = random.randrange(SHARDS)
    key = _insert(log.shards[shard], when or clock.now(), (service or "", channel, outcome, organisation or "", desk or ""))
    log.total.change(1)
    return shard, key


def _fields(value):
    """(service, channel, outcome, organisation, desk) of a stored value; a record of
    before orientations (three fields) has no organisation, one of before desks (four)
    no desk."""
    service, channel, outcome, *rest = value
    rest = [field or None for field in rest] + [None] * (2 - len(rest))
    return service, channel, outcome, rest[0], rest[1]


def record(shard, key):
    """The record stored at this place: (moment, service, channel, outcome, organisation, desk), or None if purged."""
    log = container(create=False)
    value = log.shards[shard].get(key) if log is not None else None
    return (_moment(key), *_fields(value)) if value is not None else None


def moment_of(key):
    """When the record of this key was stored."""
    return _moment(key)


def records(since=None):
    """(moment, service, channel, outcome, organisation, desk) within the retention period, oldest first."""
    log = container(create=False)
    if log is None:
        return []
    low = _low(max(cutoff(), since) if since else cutoff())
    found = sorted((key, value) for tree in log.shards for key, value in tree.items(min=low))
    return [(_moment(key), *_fields(value)) for key, value in found]


def records_between(start, end):
    """The records with start <= moment < end (aware datetimes), oldest first; one range
    read per shard (the daily job reads one day at a time)."""
    log = container(create=False)
    if log is None:
        return []
    low, high = _low(start), _low(end)
    found = sorted((key, value) for tree in log.shards for key, value in tree.items(min=low, max=high, excludemax=True))
    return [(_moment(key), *_fields(value)) for key, value in found]


def oldest():
    """The moment of the oldest record kept, or None (one key read per shard)."""
    log = container(create=False)
    keys = [tree.minKey() for tree in log.shards if len(tree)] if log is not None else []
    return _moment(min(keys)) if keys else None


DEFAULT_RETENTION = IGuichetSettings["interaction_retention_months"].default


def retention_months():
    months = api.portal.get_registry_record(RETENTION_RECORD, default=DEFAULT_RETENTION)
    return months if isinstance(months, int) and months > 0 else DEFAULT_RETENTION


def cutoff():
    now = clock.now()
    day = add_months(now.date(), -retention_months())
    return datetime(day.year, day.month, day.day, tzinfo=now.tzinfo)


def purge():
    """Delete records and reports older than the retention period; returns counts."""
    log = container(create=False)
    if log is None:
        return {"interactions": 0, "reports": 0}
    low = _low(cutoff())
    removed = 0
    for tree in log.shards:
        old = list(tree.keys(max=low, excludemax=True))
        for key in old:
            del tree[key]
        removed += len(old)
    if removed:
        log.total.change(-removed)
    old_reports = list(log.reports.keys(max=low, excludemax=True))
    for key in old_reports:
        del log.reports[key]
    return {"interactions": removed, "reports": len(old_reports)}


def count():
    log = container(create=False)
    return log.total() if log is not None else 0


def add_report(uid, kind, comment, actor):
    """Store one report; its key (the stable part of its triage id, triage/items.py)."""
    now = clock.now()
    value = {"uid": uid, "kind": kind, "comment": comment, "actor": actor, "date": now.date().isoformat(), "count": 1, "last": now.isoformat()}
    return _insert(container().reports, now, value)


def report_items(since=None):
    """(key, report) pairs, oldest first; from the moment ``since`` when given."""
    log = container(create=False)
    if log is None:
        return []
    found = log.reports.items(min=_low(since)) if since else log.reports.items()
    return [(key, dict(value)) for key, value in found]


def report(key):
    """The report of this key (a copy), or None."""
    log = container(create=False)
    value = log.reports.get(key) if log is not None else None
    return dict(value) if value is not None else None


def update_report(key, **changes):
    """Merge ``changes`` into the report of this key (triage state, a merged duplicate)."""
    reports = container().reports
    reports[key] = {**reports[key], **changes}


def reports():
    log = container(create=False)
    return [dict(value) for value in log.reports.values()] if log is not None else []
