"""Triage items: their ids, statuses, listing and the masking of their comments.

An item is a feedback entry with a comment or a "not useful" answer (a plain "useful"
vote is not one), or an agent's report. Its id is stable: "feedback-<key>" or
"report-<key>", the key of its record in its store (facts.TRIAGE_ID_PATTERN). Its
triage state is kept in the record itself: `status` (facts.TRIAGE_STATUSES, "new"
when absent), `status_by` (the staff user id), `status_at`; a redacted comment is
erased and flagged `redacted`.

A comment flagged `personal` (masked at write time) or redacted reads as
« [données personnelles masquées] » to whoever may not triage (TRIAGE_FEEDBACK).
"""

from datetime import datetime
from datetime import timezone
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.facts import CATALOGUE_TYPES
from guichet_kb.facts import TRIAGE_OPEN_STATUSES
from guichet_kb.interactions import store as reports
from guichet_kb.interactions.store import REPORT_KIND_TITLES
from guichet_kb.permissions import TRIAGE_FEEDBACK_TITLE
from guichet_kb.stats import store as feedback
from guichet_kb.triage.routing import department_of
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate


MASKED = _("triage_masked", default="[personal data masked]")
STATUS_TITLES = {
    "new": _("triage_status_new", default="New"),
    "actionable": _("triage_status_actionable", default="To act on"),
    "spam": _("triage_status_spam", default="Spam"),
    "done": _("triage_status_done", default="Done"),
}
KIND_TITLES = {"feedback": _("triage_kind_feedback", default="Citizen feedback"), **REPORT_KIND_TITLES}
# Each record store: (prefix of the ids, its (key, record) pairs, one record, its update).
STORES = {
    "feedback": (feedback.feedback_items, feedback.feedback_entry, feedback.update_feedback),
    "report": (reports.report_items, reports.report, reports.update_report),
}


def status_of(record):
    return record.get("status", "new")


def is_open(record):
    """Still in the review queue (new or actionable)."""
    return status_of(record) in TRIAGE_OPEN_STATUSES


def can_triage():
    return api.user.has_permission(TRIAGE_FEEDBACK_TITLE, obj=api.portal.get())


def comment(record, triager):
    """The comment as this reader may see it."""
    if record.get("redacted") or (record.get("personal") and not triager):
        return translate(MASKED, context=getRequest())
    return record.get("comment", "")


def _first(prefix, key):
    """When the record of this key was stored."""
    if prefix == "feedback":
        return datetime.fromtimestamp(key // 1000 / 1000, timezone.utc)
    return reports.moment_of(key)


def records():
    """(id, record store prefix, key, record) of every item, oldest first within each store."""
    for prefix, (pairs, _one, _update) in STORES.items():
        for key, record in pairs():
            if prefix == "report" or record.get("comment") or not record["useful"]:
                yield f"{prefix}-{key}", prefix, key, record


def find(item_id):
    """(prefix, key, record) of the item with this id, or None."""
    prefix, _sep, key = item_id.partition("-")
    if int(key) >= 2**63:  # beyond the stores' 64-bit keys
        return None
    record = STORES[prefix][1](int(key))
    if record is None or (prefix == "feedback" and not record.get("comment") and record["useful"]):
        return None
    return prefix, int(key), record


def describe(item_id, prefix, key, record, obj, triager):
    """The JSON of an item (GET @feedback, the triage page)."""
    return {
        "id": item_id,
        "kind": "feedback" if prefix == "feedback" else record["kind"],
        "item": {"UID": obj.UID(), "title": obj.Title(), "@id": obj.absolute_url()},
        "department": department_of(obj),
        "useful": record["useful"] if prefix == "feedback" else None,
        "comment": comment(record, triager),
        "personal": bool(record.get("personal") or record.get("redacted")),
        "redacted": bool(record.get("redacted")),
        "count": record.get("count", 1),
        "status": status_of(record),
        "status_by": record.get("status_by"),
        "status_at": record.get("status_at"),
        "first": _first(prefix, key).astimezone(clock.zone()).isoformat(),
        "last": record.get("last") or _first(prefix, key).astimezone(clock.zone()).isoformat(),
    }


def listing(status=None, department=None, kind=None):
    """The items the caller may see (their sheet or answer found by the caller's catalog
    search), newest first, filtered by status, department UID and kind."""
    found = [r for r in records() if status is None or status_of(r[3]) == status]
    uids = {record["uid"] for _id, _prefix, _key, record in found}
    objects = {brain.UID: brain.getObject() for brain in api.content.find(UID=list(uids), portal_type=CATALOGUE_TYPES)} if uids else {}
    triager = can_triage()
    items = [describe(*r, objects[r[3]["uid"]], triager) for r in found if r[3]["uid"] in objects]
    items = [
        item
        for item in items
        if (kind is None or item["kind"] == kind) and (department is None or (item["department"] or {}).get("UID") == department)
    ]
    return sorted(items, key=lambda item: item["first"], reverse=True)


def set_status(item_id, new_status, actor):
    """Record the status of an item, who set it and when; False when there is no such item."""
    found = find(item_id)
    if found is None:
        return False
    prefix, key, _record = found
    STORES[prefix][2](key, status=new_status, status_by=actor, status_at=clock.now().isoformat())
    return True


def redact(item_id, actor):
    """Erase an item's comment (kept as masked); False when there is no such item."""
    found = find(item_id)
    if found is None:
        return False
    prefix, key, _record = found
    STORES[prefix][2](key, comment="", redacted=True, redacted_by=actor, redacted_at=clock.now().isoformat())
    return True
