"""The fact check's two e-mails (French, sent after the commit by workflow/notify.py):
the request to the expert, and the answer to the editor who asked."""

from datetime import datetime
from guichet_kb import _
from guichet_kb.dates.words import MONTHS
from guichet_kb.workflow import notify
from plone import api
from zope.i18n import translate


VERDICT_TITLES = {
    "exact": _("fact_check_verdict_exact", default="exact"),
    "a_corriger": _("fact_check_verdict_a_corriger", default="to be corrected"),
}


def day_in_words(iso):
    """'2026-12-15T…' -> '15 décembre 2026', in the site's language (the mail's)."""
    day, language = datetime.fromisoformat(iso).date(), notify._language()
    month = translate(MONTHS[day.month - 1], target_language=language)
    message = _("long_date", default="${month} ${day}, ${year}", mapping={"day": day.day, "month": month, "year": day.year})
    return translate(message, target_language=language)


def display_name(userid):
    user = api.user.get(userid=userid)
    return (user and user.getProperty("fullname")) or userid


def send_request(sheet, record, link):
    language = notify._language()
    note = ""
    if record["message"]:
        note = _("mail_fact_check_note", default="Their note: ${message}", mapping={"message": record["message"]})
        note = "\n\n" + translate(note, target_language=language)  # a paragraph of its own (gettext keeps line breaks out)
    mapping = {
        "title": sheet.Title(),
        "actor": display_name(record["asked_by"]),
        "note": note,
        "link": link,
        "expires": day_in_words(record["expires"]),
    }
    subject = _("mail_fact_check_subject", default="[Guichet] Please check: ${title}", mapping=mapping)
    body = _(
        "mail_fact_check_body",
        default='${actor} asks you to check the sheet "${title}" before it is reviewed.${note}\n\n'
        'Read it and answer "Exact" or "To be corrected" on this page (no account needed):\n${link}\n\n'
        "This link is valid until ${expires}.",
        mapping=mapping,
    )
    return notify.send([record["to"]], subject, body)


def send_answer(sheet, record):
    recipients = notify._emails([record["asked_by"]])
    language = notify._language()
    comment = f"\n\n{record['comment']}" if record["comment"] else ""
    mapping = {
        "title": sheet.Title(),
        "to": record["to"],
        "verdict": translate(VERDICT_TITLES[record["verdict"]], target_language=language),
        "comment": comment,
        "url": sheet.absolute_url(),
    }
    subject = _("mail_fact_check_answer_subject", default="[Guichet] Fact check answered: ${title}", mapping=mapping)
    body = _("mail_fact_check_answer_body", default='${to} checked "${title}": ${verdict}.${comment}\n\n${url}', mapping=mapping)
    return notify.send(recipients, subject, body)
