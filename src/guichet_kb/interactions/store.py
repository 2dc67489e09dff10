"""Interaction log and agent reports in one persistent container of the site.

Built for many agents writing at once: records live in an OOBTree keyed by
(shard, microseconds, nonce). The random shard spreads concurrent inserts over
several buckets, and BTrees' conflict resolution merges inserts of different
keys in one bucket, so simultaneous writes rarely conflict; the total is a
BTrees.Length, whose increments merge. Everything is in the request's
transaction: when Zope retries after a ConflictError the aborted attempt leaves
nothing behind, so a record is never stored twice nor lost.

No personal data: a record is (time, service UID, channel, outcome), no user
id, no free text. Reports keep the reporting agent's id (staff, not citizens)
and a comment screened for e-mail addresses and phone numbers.
"""
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timezone
from guichet_kb import _
from guichet_kb.workflow.review import add_months
from persistent import Persistent
from plone import api
from zope.annotation.interfaces import IAnnotations

import random

KEY = "guichet_kb.interactions"
RETENTION_RECORD = "guichet_kb.interaction_retention_months"
DEFAULT_RETENTION = 13
SHARDS = 64
CHANNELS = {
    "telephone": _("channel_telephone", default="Phone"),
    "accueil": _("channel_accueil", default="Front desk"),
    "courriel": _("channel_courriel", default="E-mail"),
    "chat": _("channel_chat", default="Chat"),
}
OUTCOMES = {
    "answered": _("outcome_answered", default="Answered"),
    "redirected": _("outcome_redirected", default="Redirected"),
    "not_answered": _("outcome_not_answered", default="Could not answer"),
}
REPORT_KINDS = {
    "incorrect": _("report_incorrect", default="Incorrect information"),
    "no_answer": _("report_no_answer", default="Does not answer the question"),
}


def clock():
    """Now, in UTC. Tests freeze it by patching this function."""
    return datetime.now(timezone.utc)


class InteractionLog(Persistent):
    def __init__(self):
        self.records = OOBTree()
        self.total = Length()
        self.reports = OOBTree()


def container(create=True):
    annotations = IAnnotations(api.portal.get())
    log = annotations.get(KEY)
    if log is None and create:
        log = annotations[KEY] = InteractionLog()
    return log


def _key(when):
    micros = int(when.timestamp() * 1_000_000)
    return (random.randrange(SHARDS), micros, random.getrandbits(32))


def _moment(key):
    return datetime.fromtimestamp(key[1] / 1_000_000, timezone.utc)


def add(service, channel, outcome):
    log = container()
    key = _key(clock())
    while key in log.records:  # practically never: 32 random bits per microsecond and shard
        key = _key(clock())
    log.records[key] = (service or "", channel, outcome)
    log.total.change(1)
    return key


def records(since=None):
    """(moment, service, channel, outcome) within the retention period, oldest first."""
    log = container(create=False)
    if log is None:
        return []
    oldest = max(cutoff(), since) if since else cutoff()
    low = int(oldest.timestamp() * 1_000_000)
    found = []
    for shard in range(SHARDS):
        for key, value in log.records.items(min=(shard, low), max=(shard + 1,), excludemax=True):
            found.append((_moment(key), *value))
    return sorted(found, key=lambda row: row[0])


def retention_months():
    months = api.portal.get_registry_record(RETENTION_RECORD, default=DEFAULT_RETENTION)
    return months if isinstance(months, int) and months > 0 else DEFAULT_RETENTION


def cutoff():
    now = clock()
    day = add_months(now.date(), -retention_months())
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def purge():
    """Delete records and reports older than the retention period; returns counts."""
    log = container(create=False)
    if log is None:
        return {"interactions": 0, "reports": 0}
    low = int(cutoff().timestamp() * 1_000_000)
    old = [key for shard in range(SHARDS) for key in log.records.keys(min=(shard,), max=(shard, low), excludemax=True)]
    for key in old:
        del log.records[key]
    if old:
        log.total.change(-len(old))
    old_reports = [key for shard in range(SHARDS) for key in log.reports.keys(min=(shard,), max=(shard, low), excludemax=True)]
    for key in old_reports:
        del log.reports[key]
    return {"interactions": len(old), "reports": len(old_reports)}


def count():
    log = container(create=False)
    return log.total() if log is not None else 0


def add_report(uid, kind, comment, actor):
    log = container()
    now = clock()
    log.reports[_key(now)] = {"uid": uid, "kind": kind, "comment": comment, "actor": actor, "date": now.date().isoformat()}


def reports():
    log = container(create=False)
    return [dict(value) for value in log.reports.values()] if log is not None else []
