"""A triager's action, checked then applied: the one rule of `POST @feedback-triage`
and of the triage page's buttons (browser/triage.py)."""

from guichet_kb import _
from guichet_kb import facts
from guichet_kb.triage import items
import re


ID = re.compile(facts.TRIAGE_ID_PATTERN)


class TriageRefusal(Exception):
    """Bad input (HTTP status, translatable message): nothing was written."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def apply(item_id, new_status, redact, actor):
    """Set the status of the item ``item_id`` and/or erase its comment; TriageRefusal
    (400 bad id shape, status or body; 404 no such item) before anything is written."""
    if not isinstance(item_id, str) or not ID.fullmatch(item_id):
        raise TriageRefusal(400, _("error_triage_id", default="'id' must be the id of a feedback item (feedback-… or report-…)."))
    if new_status is not None and new_status not in facts.TRIAGE_STATUSES:
        mapping = {"name": "status", "allowed": ", ".join(facts.TRIAGE_STATUSES)}
        raise TriageRefusal(400, _("error_bad_choice", default="'${name}' must be one of: ${allowed}.", mapping=mapping))
    if not isinstance(redact, bool) or (new_status is None and not redact):
        raise TriageRefusal(400, _("error_triage_body", default="Give a 'status', or 'redact': true to erase the comment."))
    if items.find(item_id) is None:
        raise TriageRefusal(404, _("error_unknown_triage_item", default="No feedback item with this id."))
    if new_status is not None:
        items.set_status(item_id, new_status, actor)
    if redact:
        items.redact(item_id, actor)
