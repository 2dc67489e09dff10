"""The fact-check requests of a sheet, in its annotations.

`KEY` holds {request id: record}; a record is a plain dict, replaced whole on
each write:

    {"id", "to", "message", "asked_by", "asked_at", "expires",
     "answered_at", "verdict", "comment"}

(dates ISO 8601 with offset; the answer's three keys None until answered).
Several requests may be outstanding at once; nothing else is kept about the expert.
"""

from datetime import datetime
from guichet_kb import clock
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations


KEY = "guichet_kb.fact_checks"
PENDING, ANSWERED, EXPIRED = "pending", "answered", "expired"


def records(obj):
    """The sheet's requests, oldest first (a read: nothing created)."""
    found = IAnnotations(obj).get(KEY) or {}
    return sorted((dict(record) for record in found.values()), key=lambda record: record["asked_at"])


def get(obj, request_id):
    found = (IAnnotations(obj).get(KEY) or {}).get(request_id)
    return dict(found) if found is not None else None


def put(obj, record):
    annotations = IAnnotations(obj)
    if KEY not in annotations:
        annotations[KEY] = PersistentMapping()
    annotations[KEY][record["id"]] = dict(record)


def state(record, now=None):
    if record.get("answered_at"):
        return ANSWERED
    now = now or clock.now()
    return EXPIRED if datetime.fromisoformat(record["expires"]) <= now else PENDING


def answered(obj):
    """The requests answered, oldest answer first."""
    return sorted((r for r in records(obj) if r.get("answered_at")), key=lambda r: r["answered_at"])
