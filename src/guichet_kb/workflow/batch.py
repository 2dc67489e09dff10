"""Bulk review: one action on many items, each decided by the one-by-one rules.

POST @review-batch (api/review_batch) and the review queue's form
(browser/workflow.py ReviewBatchView) both call `parse()` then `run()`, so they
give the same per-item results. Each item goes through the very path of a
one-by-one review: a workflow transition (`doActionFor`, whose subscribers apply
workflow/rules.py: four eyes, completeness, the administrator override recorded
per item) or plone.app.iterate's check-in (the same rules, before_checkin).

- Request-level problems are a `BadBatch` (REST: 400, nothing done): an unknown
  action, items that are not a non-empty list of at most `facts.BATCH_MAX_ITEMS`
  UIDs (or {"UID", "modified"} objects: the "modified" of the queue's entry, or
  plone.restapi's, to the second), a comment that is not text, and a missing
  comment where the action needs one (reject; check-in's change note): the
  comment is the same for every item, so refusing each item for it would only
  repeat one message N times.
- Item-level problems are a refused result, and the other items go on: an unknown
  UID, or one the caller may not see (the same refusal, word for word: no title,
  no state), an item listed twice, changed since the caller loaded it ("modified"
  differs), of a type or state the action does not apply to, or
  one the caller may not review. Each action runs in a savepoint: an item refused
  halfway is rolled back whole.
- Notifications of the whole batch go out as one message per recipient
  (workflow/notify.py `batched`).
"""

from datetime import datetime
from guichet_kb import _
from guichet_kb import clock
from guichet_kb import facts
from guichet_kb.workflow import national_updates
from guichet_kb.workflow import notify
from guichet_kb.workflow.rules import EditorialRefusal
from guichet_kb.workflow.rules import NEEDS_COMMENT
from guichet_kb.workflow.rules import unavailable
from plone import api
from plone.app.iterate.interfaces import CheckinException
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.iterate.interfaces import IWorkingCopy
from plone.app.iterate.permissions import CheckinPermission
from Products.CMFCore.WorkflowCore import WorkflowException
import transaction
from zExceptions import Unauthorized
from zope.globalrequest import getRequest
from zope.i18n import translate


CHECKINS = (facts.CHECKIN, facts.CHECKIN_NATIONAL)
TRANSITIONS = tuple(action for action in facts.BATCH_ACTIONS if action not in CHECKINS)  # workflow transition ids
FIELDS = ("action", "items", "comment")

UNKNOWN = _("error_batch_unknown_item", default="No catalogue item with this UID.")
TWICE = _("error_batch_twice", default="This item is listed twice: done once.")
CHANGED = _("error_batch_changed", default="Changed by someone else since you loaded the queue: reload the queue and check it again.")
NOT_WORKING_COPY = _("error_batch_not_working_copy", default="This item is not a working copy: there is nothing to check in.")
NOT_SUBMITTED = _("error_batch_not_submitted", default="This working copy has not been submitted for review yet.")
NO_CHECKIN = _("error_batch_no_checkin", default="You may not check this working copy in.")


class BadBatch(Exception):
    """A bulk request refused as a whole (nothing done): a translatable message."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _item(number, value):
    """(UID, modified datetime or None) of the ``number``-th item sent."""
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    if isinstance(value, dict) and set(value) <= {"UID", "modified"} and isinstance(value.get("UID"), str) and value["UID"].strip():
        modified = value.get("modified")
        if modified is None:
            return value["UID"].strip(), None
        try:
            when = datetime.fromisoformat(modified) if isinstance(modified, str) else None
        except ValueError:
            when = None
        if when is None:
            raise BadBatch(
                _("error_batch_modified", default="Item ${number}: 'modified' must be an ISO 8601 date and time.", mapping={"number": number})
            )
        return value["UID"].strip(), when if when.tzinfo else when.replace(tzinfo=clock.zone())
    raise BadBatch(_("error_batch_item", default='Item ${number}: expected a UID or {"UID": ..., "modified": ...}.', mapping={"number": number}))


def parse(data):
    """(action, [(UID, modified)], comment) from a request body; `BadBatch` when it cannot run."""
    if not isinstance(data, dict) or set(data) - set(FIELDS):
        fields = ", ".join(FIELDS)
        raise BadBatch(_("error_agent_fields", default="Expected a JSON object with only these fields: ${fields}.", mapping={"fields": fields}))
    action = data.get("action")
    if action not in facts.BATCH_ACTIONS:
        raise BadBatch(
            _(
                "error_batch_action",
                default="Unknown action '${action}'. Allowed: ${allowed}.",
                mapping={"action": str(action)[:50], "allowed": ", ".join(facts.BATCH_ACTIONS)},
            )
        )
    items = data.get("items")
    if not isinstance(items, list) or not items:
        raise BadBatch(
            _("error_batch_items", default="'items' must be a non-empty list of UIDs (at most ${max}).", mapping={"max": facts.BATCH_MAX_ITEMS})
        )
    if len(items) > facts.BATCH_MAX_ITEMS:
        raise BadBatch(
            _(
                "error_batch_too_many",
                default="Too many items (${count}): at most ${max} per request.",
                mapping={"count": len(items), "max": facts.BATCH_MAX_ITEMS},
            )
        )
    comment = data.get("comment") or ""
    if not isinstance(comment, str):
        raise BadBatch(_("error_batch_comment", default="'comment' must be text."))
    comment = comment.strip()
    if action in NEEDS_COMMENT and not comment:
        raise BadBatch(_("error_comment_required", default="A comment is required to send an item back."))
    if action == facts.CHECKIN and not comment:
        raise BadBatch(_("error_change_note_required", default="A change note is required to check in."))
    return action, [_item(number, value) for number, value in enumerate(items, start=1)], comment


def run(action, items, comment):
    """Do ``action`` on each item: {"results": [{"UID", "ok", "state", "message"}], "done", "refused"}."""
    request = getRequest()
    found = _found([uid for uid, _modified in items])
    results, seen = [], set()
    with notify.batched():
        for uid, modified in items:
            result = {"UID": uid, "ok": False, "state": None, "message": ""}
            if uid in seen:
                result["message"] = TWICE
            else:
                seen.add(uid)
                _one(action, found.get(uid), modified, comment, result)
            result["message"] = translate(result["message"], context=request)
            results.append(result)
    done = sum(1 for result in results if result["ok"])
    return {"results": results, "done": done, "refused": len(results) - done}


def same_moment(stored, sent):
    """Whether the DateTime ``stored`` is the moment ``sent``: to the microsecond when
    ``sent`` has a fraction (the queue's "modified"), else to the second (plone.restapi's)."""
    when = stored.asdatetime()
    if sent.microsecond == 0:
        return int(when.timestamp()) == int(sent.timestamp())
    return abs((when - sent).total_seconds()) < 2e-6


def _found(uids):
    """UID -> object for the catalogue items among ``uids`` the caller may see (one query)."""
    catalog = api.portal.get_tool("portal_catalog")
    found = {}
    for brain in catalog(UID=uids, portal_type=facts.REVIEWED_TYPES):
        try:
            found[brain.UID] = brain.getObject()
        except (Unauthorized, KeyError, AttributeError):
            continue  # indexed but not reachable by this caller: as unknown
    return found


def _one(action, obj, modified, comment, result):
    if obj is None:
        result["message"] = UNKNOWN
        return
    result["state"] = api.content.get_state(obj, default=None)
    if modified is not None and not same_moment(obj.modified(), modified):
        result["message"] = CHANGED
        return
    problem = _inapplicable(action, obj)
    if problem is not None:
        result["message"] = problem
        return
    savepoint = transaction.savepoint(optimistic=True)
    try:
        target = _act(action, obj, comment)
    except EditorialRefusal as refusal:
        savepoint.rollback()
        result["message"] = " ".join(refusal.problems)
    except (WorkflowException, CheckinException) as error:
        savepoint.rollback()
        result["message"] = error.args[0] if error.args else str(error)
    else:
        result.update(ok=True, state=api.content.get_state(target, default=None), message=_("Done."))


def _inapplicable(action, obj):
    """Why ``action`` does not apply to ``obj`` (type, state, the caller's rights), or None."""
    if action in TRANSITIONS:
        return unavailable(obj, action)
    if not IWorkingCopy.providedBy(obj):
        return NOT_WORKING_COPY
    original = ICheckinCheckoutPolicy(obj).getBaseline()
    if original is None:
        return NOT_WORKING_COPY
    if api.content.get_state(obj, default=None) != "pending":
        return NOT_SUBMITTED
    if not api.user.has_permission(CheckinPermission, obj=original):
        return NO_CHECKIN
    if action == facts.CHECKIN_NATIONAL:
        return national_updates.problem(obj, original, getRequest())
    return None


def _act(action, obj, comment):
    """Do it; the item as it stands afterwards (a working copy's original once checked in)."""
    if action in TRANSITIONS:
        api.portal.get_tool("portal_workflow").doActionFor(obj, action, comment=comment)
        return obj
    note = comment or translate(national_updates.change_note(obj), context=getRequest())
    return ICheckinCheckoutPolicy(obj).checkin(note)
