"""What needs a reviewer's attention: one list for the REST service, the dashboard
and the reminder digest."""

from DateTime import DateTime
from datetime import date
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.facts import CATALOGUE_TYPES
from guichet_kb.facts import QUEUE_REASONS as REASONS
from guichet_kb.facts import REVIEWED_TYPES  # with agendas (issue 18): pending and overdue ones too
from guichet_kb.national import withdrawals
from guichet_kb.triage.routing import department_of
from guichet_kb.workflow import review
from plone import api
from plone.app.iterate.interfaces import IWorkingCopy
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate


REASON_TITLES = {
    "pending": _("Submitted for review"),
    "working_copy": _("Working copy to check in"),
    "flagged": _("To re-check: a shared fact changed"),
    "overdue": _("Review date passed"),
    "feedback": _("Citizens said it was not useful"),
    "agent_report": _("Reported by an agent: incorrect or no answer"),
    "withdrawn": _("queue_withdrawn", default="Withdrawn nationally"),
    "notice": _("queue_notice", default="Service notice written: to acknowledge"),
    "fact_check": _("queue_fact_check", default="Fact check answered by the department"),
}


def _submitted_on(obj):
    submitted = review.last_submission(obj).get("time")
    # The portal's day, like clock.today() that ages are counted against (not UTC's).
    return clock.local(submitted.asdatetime()).date() if submitted else None


def _batch(obj):
    """The import batch that last wrote ``obj``: (id, who ran it, its date) or Nones.

    The date is the import record's "date" when the importer writes one, else the
    item's creation (an import creates the item, or the working copy it updates).
    """
    record = IAnnotations(obj).get(IMPORT_KEY) or {}
    if not record.get("batch"):
        return None, None, None
    when = record.get("date") or obj.created().asdatetime().astimezone(clock.zone()).date().isoformat()
    return record["batch"], record.get("by"), when


def _entry(obj, reason, since, details=None):
    today = clock.today()
    batch, batch_by, batch_date = _batch(obj)
    return {
        "@id": obj.absolute_url(),
        "UID": obj.UID(),
        "title": obj.Title(),
        "portal_type": obj.portal_type,
        "review_state": api.content.get_state(obj),
        "reason": reason,
        "since": since.isoformat() if since else None,
        "age_days": (today - since).days if since else None,
        "owner": obj.Creator() or None,
        "details": details or [],
        "modified": obj.modified().asdatetime().isoformat(),  # to the microsecond: bulk review's "changed since"
        "batch": batch,
        "batch_by": batch_by,
        "batch_date": batch_date,
        "department": department_of(obj),  # the responsible department (triage/routing.py), or None
    }


def entries(reasons=REASONS, department=None):
    """Queue entries the current user may see, oldest first within each reason; those
    of one responsible department (its UID) when given."""
    found = []
    if {"pending", "working_copy"} & set(reasons):
        for brain in api.content.find(portal_type=REVIEWED_TYPES, review_state="pending"):
            obj = brain.getObject()
            reason = "working_copy" if IWorkingCopy.providedBy(obj) else "pending"
            if reason in reasons:
                found.append(_entry(obj, reason, _submitted_on(obj)))
    if "flagged" in reasons:
        for brain in api.content.find(portal_type=CATALOGUE_TYPES, review_flagged=True):
            obj = brain.getObject()
            flags = review.flags(obj)
            found.append(_entry(obj, "flagged", min(date.fromisoformat(f["date"]) for f in flags), flags))
    if "overdue" in reasons:
        today = DateTime(clock.today().isoformat())
        for brain in api.content.find(portal_type=REVIEWED_TYPES, review_state="published", next_review_date={"query": today, "range": "max"}):
            obj = brain.getObject()
            if review.is_overdue(obj):
                found.append(_entry(obj, "overdue", obj.next_review_date))
    if "feedback" in reasons:
        found += _feedback_entries()
    if "agent_report" in reasons:
        found += _agent_report_entries()
    if "withdrawn" in reasons:
        found += _withdrawn_entries()
    if "notice" in reasons:
        found += _notice_entries()
    if "fact_check" in reasons:
        found += _fact_check_entries()
    if department is not None:
        found = [entry for entry in found if (entry["department"] or {}).get("UID") == department]
    order = {reason: i for i, reason in enumerate(REASONS)}
    return sorted(found, key=lambda e: (order[e["reason"]], e["since"] or ""))


def _feedback_entries():
    """Sheets with "not useful" answers since their last review that triage left open
    (new or actionable: spam and done leave the queue), comments masked as triage/items.py says."""
    from guichet_kb.triage import items

    negative = {}
    for item_id, prefix, _key, record in items.records():
        if prefix == "feedback" and not record["useful"] and items.is_open(record):
            negative.setdefault(record["uid"], []).append((item_id, record))
    found = []
    triager = items.can_triage() if negative else False
    for brain in api.content.find(UID=list(negative), portal_type=CATALOGUE_TYPES) if negative else ():
        obj = brain.getObject()
        since = obj.last_reviewed.isoformat() if getattr(obj, "last_reviewed", None) else ""
        recent = [(i, e) for i, e in negative[brain.UID] if e["date"] >= since]
        if recent:
            details = [
                {"id": i, "date": e["date"], "comment": items.comment(e, triager), "count": e.get("count", 1), "status": items.status_of(e)}
                for i, e in recent
            ]
            found.append(_entry(obj, "feedback", date.fromisoformat(min(e["date"] for _i, e in recent)), details))
    return found


def _agent_report_entries():
    """Items agents reported (incorrect information, no answer) since their last review
    that triage left open."""
    from guichet_kb.interactions.store import REPORT_KIND_TITLES
    from guichet_kb.triage import items

    by_uid = {}
    for item_id, prefix, _key, record in items.records():
        if prefix == "report" and items.is_open(record):
            by_uid.setdefault(record["uid"], []).append((item_id, record))
    found = []
    triager = items.can_triage() if by_uid else False
    for brain in api.content.find(UID=list(by_uid), portal_type=CATALOGUE_TYPES) if by_uid else ():
        obj = brain.getObject()
        since = obj.last_reviewed.isoformat() if getattr(obj, "last_reviewed", None) else ""
        recent = sorted(((i, r) for i, r in by_uid[brain.UID] if r["date"] >= since), key=lambda pair: pair[1]["date"])
        if recent:
            details = [
                {
                    "id": i,
                    "date": r["date"],
                    "kind": r["kind"],
                    "actor": r["actor"],
                    "comment": f"{translate(REPORT_KIND_TITLES[r['kind']], context=getRequest())} : {items.comment(r, triager)}",
                    "count": r.get("count", 1),
                    "status": items.status_of(r),
                }
                for i, r in recent
            ]
            found.append(_entry(obj, "agent_report", date.fromisoformat(recent[0][1]["date"]), details))
    return found


def _withdrawn_entries():
    """Published items whose fiche left the national package (national/withdrawals.py):
    the reasons' actions (archive, retract) apply to published items; a draft keeps
    its warning on the staff view."""
    found = []
    for brain in api.content.find(portal_type=CATALOGUE_TYPES, review_state="published", **{withdrawals.INDEX: True}):
        obj = brain.getObject()
        flag = withdrawals.withdrawal(obj)
        if flag:
            detail = withdrawals.WITHDRAWN_DETAIL
            mapping = {"id": obj.external_id, "batch": flag["batch"]}
            comment = translate(_(str(detail), default=detail.default, mapping=mapping), context=getRequest())
            details = [{"date": flag["date"], "batch": flag["batch"], "external_id": obj.external_id, "comment": comment}]
            found.append(_entry(obj, "withdrawn", date.fromisoformat(flag["date"]), details))
    return found


def _notice_entries():
    """Items whose notices were written (created, changed, withdrawn) since a reviewer
    last acknowledged them (notices/store.py): published at once, checked after."""
    from guichet_kb.notices import store as notices

    uids = notices.pending_uids()
    found = []
    for brain in api.content.find(UID=uids) if uids else ():
        obj = brain.getObject()
        entries = notices.to_acknowledge(obj)
        if entries:
            details = [
                {
                    "date": entry["at"][:10],
                    "at": entry["at"],
                    "action": entry["action"],
                    "actor": entry["by"],
                    "kind": entry["notice"]["kind"],
                    "comment": entry["notice"]["reason"],
                    "start": entry["notice"]["start"],
                    "end": entry["notice"]["end"],
                }
                for entry in entries
            ]
            found.append(_entry(obj, "notice", date.fromisoformat(entries[0]["at"][:10]), details))
    return found


def _fact_check_entries():
    """Sheets awaiting review whose expert answered a fact check since their last
    publication (factcheck/), with the verdicts: the reviewer sees what the back
    office said, and still publishes or sends back (four eyes unchanged)."""
    from guichet_kb.factcheck.answering import history_comment
    from guichet_kb.factcheck.answering import INDEX
    from guichet_kb.factcheck.answering import since_publication
    from guichet_kb.factcheck.mail import VERDICT_TITLES

    found = []
    for brain in api.content.find(portal_type="ServiceSheet", review_state="pending", **{INDEX: True}):
        obj = brain.getObject()
        answers = since_publication(obj)
        if answers:
            details = [
                {
                    "date": a["answered_at"][:10],
                    "verdict": a["verdict"],
                    "verdict_title": translate(VERDICT_TITLES[a["verdict"]], context=getRequest()),
                    "comment": history_comment(a["verdict"], a["comment"]),  # as the history reads
                    "by": a["to"],
                    "asked_by": a["asked_by"],
                }
                for a in answers
            ]
            found.append(_entry(obj, "fact_check", date.fromisoformat(answers[0]["answered_at"][:10]), details))
    return found
