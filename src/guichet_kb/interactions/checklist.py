"""The documents checklist of a sheet: copied by agents, e-mailed to citizens.

When the agent sent the caller to another body (an orientation), the mail adds a
block "À contacter : …" with that organisation's public contact (never the
agents' direct line) and the case the sheet names it for.
"""

from guichet_kb import _
from guichet_kb.content.vocabularies import ORGANISATION_KIND_TITLES
from guichet_kb.serializers.documents import document_rows
from guichet_kb.serializers.organisation import card_of
from guichet_kb.workflow import notify
from zope.i18n import translate
from zope.i18nmessageid import Message


def lines(sheet, request, language=None):
    """One line per required document with its qualifiers, in the sheet's order."""
    out = []
    for doc in document_rows(sheet, request, language):
        qualifiers = [doc[title].lower() for title in ("requirement_title", "form_title") if doc[title]]
        line = doc["title"] + (f" ({', '.join(qualifiers)})" if qualifiers else "")
        extra = " ; ".join(filter(None, (doc["case"], doc["note"])))
        out.append(f"{line} : {extra}" if extra else line)
    return out


def text(sheet, request, language=None):
    return "\n".join(f"- {line}" for line in lines(sheet, request, language))


# The public contact of an organisation, in the mail's order (serializers/organisation.py CONTACT).
CONTACT_LINES = (
    ("phone", _("mail_orientation_phone", default="Phone: ${value}")),
    ("email", _("mail_orientation_email", default="E-mail: ${value}")),
    ("website", _("mail_orientation_website", default="Website: ${value}")),
    ("online_contact_url", _("mail_orientation_online", default="Online contact: ${value}")),
)


def case_of(sheet, uid):
    """The case the sheet names this organisation competent for, or None."""
    return next((row.get("case") or None for row in getattr(sheet, "competences", None) or () if row.get("organisation") == uid), None)


def contact_block(sheet, brain, language):
    """'À contacter : <title> (<kind>) — <case>' and one line per public contact of the organisation."""
    card = card_of(brain)
    kind = ORGANISATION_KIND_TITLES.get(card["kind"])
    mapping = {"title": brain.Title, "kind": translate(kind, target_language=language) if kind else card["kind"]}
    head = translate(_("mail_orientation_contact", default="To contact: ${title} (${kind})", mapping=mapping), target_language=language)
    case = case_of(sheet, brain.UID)
    lines = [f"{head} — {case}" if case else head]
    for name, label in CONTACT_LINES:
        if card.get(name):
            lines.append(translate(Message(label, mapping={"value": card[name]}), target_language=language))
    return "\n".join(lines)


def send(sheet, request, recipient, organisation=None):
    """Queue the checklist to one address (delivered after commit, address not kept);
    ``organisation`` (a brain): the body the caller was sent to, whose contact is added."""
    language = notify._language()
    checklist = text(sheet, request, language) or translate(_("checklist_empty", default="No document to bring."), target_language=language)
    online = f"\n{sheet.online_service_url}\n" if getattr(sheet, "online_service_url", None) else ""
    if organisation is not None:
        online += f"\n{contact_block(sheet, organisation, language)}\n"
    mapping = {"title": sheet.Title(), "checklist": checklist, "url": sheet.absolute_url(), "online": online}
    subject = _("mail_checklist_subject", default="Documents to bring: ${title}", mapping=mapping)
    body = _(
        "mail_checklist_body",
        default='Hello,\n\nAs requested, here are the documents to bring for "${title}":\n\n${checklist}\n${online}\n'
        "Everything about this service (desks, opening hours, cost, delay):\n${url}\n\n"
        "This message was sent once at your request; your address has not been kept.",
        mapping=mapping,
    )
    return notify.send([recipient], subject, body)
