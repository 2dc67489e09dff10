"""The expert's side: a token resolved to its sheet and request, the answer recorded.

`resolve` refuses, in this order: a token the site did not sign (403: forged,
altered, or its request unknown), a sheet gone since (404: deleted, or the working
copy checked in), a link past its expiry (410 Gone: it was genuine, a new one must
be asked for). `answer` also refuses a second answer on the same link (409) and
bad input (400). Nothing is written on a refusal, and resolving writes nothing
(GET never writes: opening the link records nothing).

An answer is kept in the request's record (store), written into the sheet's
workflow history as an entry that changes no state (action `HISTORY_ACTION`, the
review state it had, the expert's address as actor, the comment reading « Vérification
par le service : exact — … »), so @history and the Classic history show it
among the transitions; the sheet's `fact_check_answered` index is updated for the
review queue, and the editor who asked gets a mail.
"""

from DateTime import DateTime
from datetime import datetime
from guichet_kb import _
from guichet_kb import clock
from guichet_kb import facts
from guichet_kb.api.guard.errors import Refused
from guichet_kb.content.hygiene import check_text
from guichet_kb.content.validation import FieldError
from guichet_kb.factcheck import mail
from guichet_kb.factcheck import store
from guichet_kb.factcheck import tokens
from guichet_kb.interactions.screen import has_personal_data
from plone import api
from zope.i18n import translate


HISTORY_ACTION = "fact_check"
INDEX = "fact_check_answered"
FIELDS = frozenset({"token", "verdict", "comment"})


def forged():
    return Refused(403, _("error_fact_check_forged", default="This fact-check link is not valid: use the link of the e-mail as it is."))


def resolve(token):
    """(sheet, record) of a valid, unexpired link."""
    try:
        request_id, uid, expires = tokens.read(token)
    except tokens.BadToken:
        raise forged() from None
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uid)
    if not len(brains):
        raise Refused(404, _("error_fact_check_gone", default="This sheet no longer exists: it was deleted, or its working copy was checked in."))
    sheet = brains[0]._unrestrictedGetObject()
    record = store.get(sheet, request_id)
    if record is None:
        raise forged()
    if expires <= clock.now().timestamp():
        raise Refused(410, _("error_fact_check_expired", default="This fact-check link has expired: ask the editor for a new one."))
    return sheet, record


def _comment(verdict, comment):
    if comment is not None and not isinstance(comment, str):
        raise Refused(400, _("error_fact_check_comment_text", default="'comment' must be a text."))
    comment = (comment or "").strip()
    if verdict == "a_corriger" and not comment:
        raise Refused(400, _("error_fact_check_comment_required", default="Say what is to be corrected (comment)."))
    try:
        check_text(comment, multiline=True, max_length=facts.FACT_CHECK_MAX_COMMENT)
    except FieldError as error:
        raise Refused(400, error.message) from None
    if has_personal_data(comment):
        raise Refused(
            400,
            _("error_fact_check_personal_data", default="Write no e-mail address or phone number in the comment: say what is to be corrected."),
        )
    return comment


def check(data):
    """(verdict, comment) of a well-formed answer, else a 400."""
    unknown = set(data) - FIELDS
    if unknown:
        raise Refused(
            400,
            _(
                "error_fact_check_answer_fields",
                default="Unknown field(s): ${fields}. Allowed: token, verdict, comment.",
                mapping={"fields": ", ".join(sorted(unknown))[:200]},
            ),
        )
    verdict = data.get("verdict")
    if verdict not in facts.FACT_CHECK_VERDICTS:
        raise Refused(400, _("error_fact_check_verdict", default="'verdict' must be one of: exact, a_corriger."))
    return verdict, _comment(verdict, data.get("comment"))


def history_comment(verdict, comment):
    """« Vérification par le service : exact — <comment> », in the site's language."""
    language = api.portal.get_registry_record("plone.default_language", default="fr") or "fr"
    mapping = {"verdict": translate(mail.VERDICT_TITLES[verdict], target_language=language), "comment": comment}
    if comment:
        message = _("fact_check_history_comment", default="Fact check by the department: ${verdict} — ${comment}", mapping=mapping)
    else:
        message = _("fact_check_history", default="Fact check by the department: ${verdict}", mapping=mapping)
    return translate(message, target_language=language)


def _write_history(sheet, record, now):
    workflow = api.portal.get_tool("portal_workflow")
    chain = workflow.getChainFor(sheet)
    if not chain:
        return
    history = sheet.workflow_history
    entries = history.get(chain[0], ())
    entry = {
        "action": HISTORY_ACTION,
        "actor": record["to"],
        "comments": history_comment(record["verdict"], record["comment"]),
        "review_state": api.content.get_state(sheet),  # unchanged: a fact check is no transition
        "time": DateTime(now.isoformat()),
    }
    history[chain[0]] = (*entries, entry)


def answer(sheet, record, data):
    """Record the expert's answer; the updated record."""
    if record["answered_at"]:
        raise Refused(409, _("error_fact_check_answered", default="This fact check was already answered: one answer per link."))
    verdict, comment = check(data)
    now = clock.now().replace(microsecond=0)
    record = {**record, "answered_at": now.isoformat(), "verdict": verdict, "comment": comment}
    store.put(sheet, record)
    _write_history(sheet, record, now)
    sheet.reindexObject(idxs=[INDEX])
    mail.send_answer(sheet, record)
    return record


def since_publication(sheet):
    """The answers given since the sheet was last published (all, if never)."""
    published = [e["time"] for e in sheet.workflow_history.get("guichet_review_workflow", ()) if e.get("action") == "publish"]
    last = published[-1].asdatetime() if published else None
    return [r for r in store.answered(sheet) if last is None or datetime.fromisoformat(r["answered_at"]) > last]
