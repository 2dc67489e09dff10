"""E-mail notifications through Plone's MailHost (sent only if the transaction commits).

Inside `batched()` (bulk review), messages are gathered and each recipient gets
one message for the whole batch instead of one per item; inside `held()` (an import
run) no per-item message is sent: the run's digest tells the reviewers once.
"""

from contextlib import contextmanager
from guichet_kb import _
from guichet_kb.workflow.queue import REASON_TITLES
import logging
from plone import api
from plone.app.iterate.interfaces import IWorkingCopy
import threading
import transaction
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate


logger = logging.getLogger(__name__)
_gathering = threading.local()


def _language():
    return api.portal.get_registry_record("plone.default_language", default="fr") or "fr"


def _email(userid):
    known = getattr(_gathering, "emails", None)  # a batch looks each user up once
    if known is not None and userid in known:
        return known[userid]
    user = api.user.get(userid=userid)
    email = user and user.getProperty("email")
    if known is not None:
        known[userid] = email
    return email


def _emails(userids, exclude=()):
    return sorted({email for email in (_email(userid) for userid in userids if userid not in exclude) if email})


def reviewers(obj, exclude=()):
    """People who may review ``obj`` (global or local Reviewer role)."""
    ids = [u.getId() for u in api.user.get_users() if "Reviewer" in api.user.get_roles(user=u, obj=obj)]
    return _emails(ids, exclude)


def owners(obj, exclude=()):
    return _emails(obj.listCreators(), exclude)


def send(recipients, subject, body):
    """Queue one message per recipient, delivered once the transaction commits.

    Delivery happens after the commit and its failures are only logged: an
    unreachable SMTP server must neither undo nor block an editorial action.
    """
    if not recipients:
        return 0
    if not api.portal.get_registry_record("plone.email_from_address", default=None):
        logger.warning("No sender address configured (plone.email_from_address): %s not sent", subject)
        return 0
    language = _language()
    subject, body = translate(subject, target_language=language), translate(body, target_language=language)
    messages = [(r, subject, body) for r in recipients]
    gathered = getattr(_gathering, "messages", None)
    if gathered is not None:
        gathered.extend(messages)
    else:
        transaction.get().addAfterCommitHook(_deliver, args=(messages,))
    return len(recipients)


@contextmanager
def batched():
    """Gather the messages sent inside; then one message per recipient (a digest
    of theirs when there are several), delivered once the transaction commits."""
    if getattr(_gathering, "messages", None) is not None:  # already gathering
        yield
        return
    _gathering.messages, _gathering.emails = [], {}
    try:
        yield
        by_recipient = {}
        for recipient, subject, body in _gathering.messages:
            by_recipient.setdefault(recipient, []).append((subject, body))
    finally:
        _gathering.messages = _gathering.emails = None
    if by_recipient:
        transaction.get().addAfterCommitHook(_deliver, args=([_digest(recipient, messages) for recipient, messages in by_recipient.items()],))


def _digest(recipient, messages):
    if len(messages) == 1:
        return (recipient, *messages[0])
    language = _language()
    subject = _("mail_batch_subject", default="[Guichet] ${count} review notifications", mapping={"count": len(messages)})
    subject = translate(subject, target_language=language)
    body = "\n\n".join(f"{subject_line}\n{body}" for subject_line, body in messages)
    return recipient, subject, body


def _deliver(committed, messages):
    if not committed:
        return
    for recipient, subject, body in messages:
        try:
            api.portal.send_email(recipient=recipient, subject=subject, body=body, immediate=True)
        except Exception:
            logger.exception("Could not send %r to %s", subject, recipient)


HELD_KEY = "guichet_kb.notify.held"


@contextmanager
def held():
    """No per-item transition e-mail within: an import run submits its working copies
    (and, with --publish, its items) by the hundred; the run's digest
    (importers/run_digest.py) tells the reviewers once."""
    annotations = IAnnotations(getRequest())
    annotations[HELD_KEY] = True
    try:
        yield
    finally:
        annotations.pop(HELD_KEY, None)


def _held():
    request = getRequest()
    return request is not None and IAnnotations(request).get(HELD_KEY, False)


def on_transition(obj, transition, actor, comment):
    if _held():
        return 0
    mapping = {"title": obj.Title(), "url": obj.absolute_url(), "actor": actor, "comment": comment or ""}
    if transition == "submit":
        if IWorkingCopy.providedBy(obj):
            subject = _("mail_checkin_subject", default="[Guichet] Working copy to check in: ${title}", mapping=mapping)
            body = _(
                "mail_checkin_body",
                default='${actor} submitted changes to "${title}".\nPlease check them and check the working copy in:\n${url}',
                mapping=mapping,
            )  # noqa: E501
        else:
            subject = _("mail_submit_subject", default="[Guichet] To review: ${title}", mapping=mapping)
            body = _("mail_submit_body", default='${actor} submitted "${title}" for review.\n${url}\n\n${comment}', mapping=mapping)
        return send(reviewers(obj, exclude=(actor,)), subject, body)
    if transition == "reject":
        subject = _("mail_reject_subject", default="[Guichet] Sent back: ${title}", mapping=mapping)
        body = _("mail_reject_body", default='${actor} sent "${title}" back to you with this comment:\n\n${comment}\n\n${url}', mapping=mapping)
        return send(owners(obj, exclude=(actor,)), subject, body)
    if transition == "publish":
        subject = _("mail_publish_subject", default="[Guichet] Published: ${title}", mapping=mapping)
        body = _("mail_publish_body", default='"${title}" was published by ${actor}.\n${url}', mapping=mapping)
        return send(owners(obj, exclude=(actor,)), subject, body)
    return 0


def send_digest(portal, items):
    """One message to every reviewer listing overdue and flagged items."""
    if not items:
        return 0
    language = _language()
    lines = "\n".join(f"- {item['title']} ({translate(REASON_TITLES[item['reason']], target_language=language)}) : {item['@id']}" for item in items)
    mapping = {"count": len(items), "items": lines, "url": f"{portal.absolute_url()}/@@review-queue"}
    subject = _("mail_digest_subject", default="[Guichet] ${count} item(s) to re-check", mapping=mapping)
    body = _(
        "mail_digest_body", default="These published items are overdue or flagged for review:\n\n${items}\n\nReview queue: ${url}", mapping=mapping
    )  # noqa: E501
    return send(reviewers(portal), subject, body)
