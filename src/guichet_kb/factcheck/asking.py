"""POST <sheet>/@fact-check: an editor asks the back office's expert to confirm a sheet.

Rules, as flat early refusals (nothing stored on a refusal):
- who: an editor of that sheet ("Request review": editors, contributors and owners
  of the catalogue, whatever the state, so that an editor asking on a published or
  pending sheet is told what to do) or a reviewer of it ("Review portal content");
- which sheet: a draft or a sheet awaiting review (facts.FACT_CHECK_STATES), a
  working copy included. A published sheet is refused (409): the expert would check
  what citizens already read, and any correction needs a working copy anyway;
  the message names the working copy when there is one;
- to whom: the "email" sent, else the e-mail of the sheet's responsible department
  (its back-office mailbox: no separate staff-only field, the department's
  address is the one its experts read); none → 400.
Several requests may be outstanding; a later edit of the draft does not void them:
the link always shows the draft as it is now, and the answer says when it was given.
"""

from datetime import timedelta
from guichet_kb import _
from guichet_kb import clock
from guichet_kb import facts
from guichet_kb.api.guard.errors import Refused
from guichet_kb.content.hygiene import check_text
from guichet_kb.content.validation import FieldError
from guichet_kb.factcheck import mail
from guichet_kb.factcheck import store
from guichet_kb.factcheck import tokens
from guichet_kb.interactions.screen import is_email
from guichet_kb.permissions import REQUEST_REVIEW
from guichet_kb.permissions import REVIEW_CONTENT
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.iterate.interfaces import IWorkingCopy
from uuid import uuid4
from zope.security import checkPermission


FIELDS = frozenset({"email", "message"})
PAGE = "@@fact-check"


def may_ask(sheet):
    return bool(checkPermission(REQUEST_REVIEW, sheet) or checkPermission(REVIEW_CONTENT, sheet))


def link(token):
    return f"{api.portal.get().absolute_url()}/{PAGE}?token={token}"


def _check_state(sheet):
    state = api.content.get_state(sheet, default=None)
    if state in facts.FACT_CHECK_STATES:
        return
    working_copy = None if IWorkingCopy.providedBy(sheet) else ICheckinCheckoutPolicy(sheet).getWorkingCopy()
    if working_copy is not None:
        message = _(
            "error_fact_check_use_working_copy",
            default="This sheet is published: ask for the fact check on its working copy: ${url}",
            mapping={"url": working_copy.absolute_url()},
        )
    else:
        message = _(
            "error_fact_check_state",
            default="Only a draft, a sheet awaiting review or a working copy can be fact-checked: check this sheet out first.",
        )
    raise Refused(409, message)


def _recipient(sheet, data):
    email = data.get("email")
    if email is not None:
        if not is_email(email):
            raise Refused(400, _("error_fact_check_email", default="'email' must be one e-mail address."))
        return email
    relation = getattr(sheet, "department", None)
    department = relation.to_object if relation is not None and not relation.isBroken() else None
    email = getattr(department, "email", None)
    if not email:
        raise Refused(
            400, _("error_fact_check_no_email", default="The sheet's responsible department has no e-mail: give the expert's e-mail ('email').")
        )
    return email


def _note(data):
    message = data.get("message")
    if message is None:
        return ""
    try:
        check_text(message, multiline=False, max_length=facts.FACT_CHECK_MAX_NOTE)
    except FieldError as error:
        raise Refused(400, error.message) from None
    return message.strip()


def ask(sheet, data, actor):
    """Record a request, mail the expert (after the commit); (record, token)."""
    unknown = set(data) - FIELDS
    if unknown:
        fields = ", ".join(sorted(unknown))[:200]
        raise Refused(400, _("error_fact_check_fields", default="Unknown field(s): ${fields}. Allowed: email, message.", mapping={"fields": fields}))
    _check_state(sheet)
    to, note = _recipient(sheet, data), _note(data)
    now = clock.now().replace(microsecond=0)
    expires = now + timedelta(days=facts.FACT_CHECK_DAYS)
    record = {
        "id": uuid4().hex,
        "to": to,
        "message": note,
        "asked_by": actor,
        "asked_at": now.isoformat(),
        "expires": expires.isoformat(),
        "answered_at": None,
        "verdict": None,
        "comment": None,
    }
    store.put(sheet, record)
    token = tokens.sign(record["id"], sheet.UID(), expires.timestamp())
    mail.send_request(sheet, record, link(token))
    return record, token


def record_json(record, now=None):
    """A request as REST shows it (to staff and to the expert holding its link)."""
    return {
        "id": record["id"],
        "to": record["to"],
        "message": record["message"],
        "asked_by": record["asked_by"],
        "asked_at": record["asked_at"],
        "expires": record["expires"],
        "state": store.state(record, now),
        "answered_at": record["answered_at"],
        "verdict": record["verdict"],
        "comment": record["comment"],
    }
