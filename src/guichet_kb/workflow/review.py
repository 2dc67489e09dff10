"""Review bookkeeping: who edited last, review dates, "à revérifier" flags.

Kept in annotations (not schema fields) when editors must not edit them; the
dates citizens may see ("vérifié le") are schema fields of the review behavior.
"""

import calendar
from datetime import date
from guichet_kb import clock
from persistent.list import PersistentList
from plone import api
from zope.annotation.interfaces import IAnnotations


LAST_EDITOR = "guichet_kb.last_editor"
FLAGS = "guichet_kb.review_flags"
OVERRIDES = "guichet_kb.four_eyes_overrides"
INTERVAL_RECORD = "guichet_kb.default_review_interval"


def add_months(start, months):
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def interval(obj):
    return getattr(obj, "review_interval", None) or api.portal.get_registry_record(INTERVAL_RECORD, default=12)


def mark_reviewed(obj, reviewer):
    """Called on publish, confirm_review and check-in: the item was checked now."""
    checked = clock.today()
    obj.last_reviewed = checked
    obj.last_reviewer = reviewer
    obj.next_review_date = add_months(checked, interval(obj))
    clear_flags(obj)


def is_overdue(obj, on=None):
    due = getattr(obj, "next_review_date", None)
    return bool(due and due < (on or clock.today()))


def set_last_editor(obj, userid):
    IAnnotations(obj)[LAST_EDITOR] = userid


def last_editor(obj):
    return IAnnotations(obj).get(LAST_EDITOR) or obj.Creator() or None


def last_submission(obj):
    """The history entry of the current review round (last 'submit'), or {}."""
    for entry in reversed(obj.workflow_history.get("guichet_review_workflow", ())):
        if entry.get("action") == "submit":
            return entry
    return {}


def last_submitter(obj):
    return last_submission(obj).get("actor")


def flags(obj):
    return list(IAnnotations(obj).get(FLAGS, ()))


def add_flag(obj, source, actor):
    """Flag ``obj`` for re-checking because the shared fact ``source`` changed."""
    annotations = IAnnotations(obj)
    entries = annotations.setdefault(FLAGS, PersistentList())
    entries.append(
        {
            "source_uid": source.UID(),
            "source_title": source.Title(),
            "source_type": source.portal_type,
            "date": clock.today().isoformat(),
            "actor": actor,
        }
    )
    obj.reindexObject(idxs=["review_flagged"])


def clear_flags(obj):
    annotations = IAnnotations(obj)
    if annotations.get(FLAGS):
        del annotations[FLAGS]
        obj.reindexObject(idxs=["review_flagged"])


def record_override(obj, actor, transition, comment):
    IAnnotations(obj).setdefault(OVERRIDES, PersistentList()).append(
        {"date": clock.now().replace(tzinfo=None).isoformat(timespec="seconds"), "actor": actor, "transition": transition, "comment": comment}
    )


def overrides(obj):
    return list(IAnnotations(obj).get(OVERRIDES, ()))
