"""The words of a ticket's notices: taken (the confirmation), near (the turn is near),
called — each a `senders.Notice` (subject, plain text, the same lines in HTML, a short
one-line text for an SMS), in the site's language.

`About` holds what a notice says, gathered by queues/notices.py as an anonymous caller
sees it: the number ("C012"), the service, the desk's name and address, the position
and the estimated wait, the tracking link (None without a public site: the number is
shown at the desk), the minutes of the "near" notice and of the grace, the counter. The
confirmation says what happens next and how long the address is kept (until the ticket
ends: served, cancelled, or the end of its day).
"""

from collections import namedtuple
from guichet_kb import _
from guichet_kb import mailing
from guichet_kb.queues.senders import Notice
from guichet_kb.workflow.notify import _language
from html import escape
from zope.i18n import translate
from zope.i18nmessageid import Message


About = namedtuple("About", "number service desk address position wait_minutes link notify_minutes grace_minutes counter")
KINDS = ("taken", "near", "called")
SUBJECTS = {
    "taken": _("mail_ticket_taken_subject", default="Your ticket ${number}: ${desk}"),
    "near": _("mail_ticket_near_subject", default="Your turn is near: ${number}, ${desk}"),
    "called": _("mail_ticket_called_subject", default="It is your turn: ${number}, ${counter}"),
}


def _place(about):
    return ", ".join(filter(None, (about.desk, about.address)))


def _wait(about, t):
    if about.wait_minutes is None:
        return t(_("mail_ticket_wait_unknown", default="Estimated wait: not known yet."))
    mapping = {"minutes": about.wait_minutes, "ahead": max((about.position or 1) - 1, 0)}
    return t(_("mail_ticket_wait", default="Estimated wait: about ${minutes} min (${ahead} person(s) before you).", mapping=mapping))


def _link(about, t):
    if about.link:
        return t(_("mail_ticket_link", default="Follow your place in the queue, or leave it: ${url}", mapping={"url": about.link}))
    return t(_("mail_ticket_no_link", default="Show your number ${number} at the desk.", mapping={"number": about.number}))


def _blocks(kind, about, t):
    """(intro, facts, closing) lines of the notice."""
    number, place = about.number, _place(about)
    if kind == "taken":
        intro = t(
            _(
                "mail_ticket_taken_intro",
                default="You are in the queue for ${service}. Your number: ${number}.",
                mapping={"service": about.service, "number": number},
            )
        )
        facts = [t(_("mail_ticket_desk", default="Desk: ${place}", mapping={"place": place})), _wait(about, t)]
        closing = [
            t(
                _(
                    "mail_ticket_next",
                    default="We will write to you about ${minutes} minutes before your turn, then when you are called: go then to the counter shown.",
                    mapping={"minutes": about.notify_minutes},
                )
            ),
            t(
                _(
                    "mail_ticket_missed_rule",
                    default="If you are not at the counter when called, your ticket is marked missed after ${grace} minutes; you may rejoin the queue once, from the tracking page.",  # noqa: E501
                    mapping={"grace": about.grace_minutes},
                )
            ),
            _link(about, t),
            t(
                _(
                    "mail_ticket_retention",
                    default="Your e-mail address is erased as soon as your ticket ends (served, cancelled, or at the end of the day).",
                )
            ),
        ]
    elif kind == "near":
        intro = t(_("mail_ticket_near_intro", default="Your turn is near: ticket ${number} should be called soon.", mapping={"number": number}))
        facts = [_wait(about, t), t(_("mail_ticket_come", default="Please come to: ${place}", mapping={"place": place}))]
        closing = [_link(about, t)]
    else:
        intro = t(
            _(
                "mail_ticket_called_intro",
                default="Ticket ${number} is called: go now to ${counter}.",
                mapping={"number": number, "counter": about.counter},
            )
        )
        facts = [t(_("mail_ticket_desk", default="Desk: ${place}", mapping={"place": place}))]
        closing = [
            t(
                _(
                    "mail_ticket_grace",
                    default="If you are not at the counter within ${grace} minutes, your ticket is marked missed (you may then rejoin the queue once).",  # noqa: E501
                    mapping={"grace": about.grace_minutes},
                )
            ),
            _link(about, t),
        ]
    return intro, facts, closing


def _short(kind, about, t):
    """One line for an SMS."""
    mapping = {"number": about.number, "desk": about.desk, "counter": about.counter, "minutes": about.wait_minutes, "url": about.link or ""}
    texts = {
        "taken": _("sms_ticket_taken", default="Ticket ${number}, ${desk}. ${url}", mapping=mapping),
        "near": _("sms_ticket_near", default="Ticket ${number}: your turn is near, come to ${desk}. ${url}", mapping=mapping),
        "called": _("sms_ticket_called", default="Ticket ${number}: it is your turn, go to ${counter}.", mapping=mapping),
    }
    return t(texts[kind]).strip()


def compose(kind, about):
    """The `Notice` of ``kind`` for the ticket described by ``about``."""
    if kind not in KINDS:
        raise ValueError(kind)
    language = _language()

    def t(message):
        return translate(message, target_language=language)

    subject = t(Message(SUBJECTS[kind], mapping={"number": about.number, "desk": about.desk, "counter": about.counter}))
    hello = t(_("mail_ticket_hello", default="Hello,"))
    intro, facts, closing = _blocks(kind, about, t)
    text = "\n\n".join([hello, intro, "\n".join(facts), "\n".join(closing)]) + "\n"
    html = [
        f"<p>{escape(hello)}</p>",
        f"<p>{escape(intro)}</p>",
        mailing.items(facts),
        *(f"<p>{mailing.linked(line, [about.link])}</p>" for line in closing),
    ]
    return Notice(kind, subject, text, mailing.page(html, language), _short(kind, about, t))
