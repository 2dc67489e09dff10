"""The documents checklist of a sheet: copied by agents, e-mailed to citizens."""

from guichet_kb import _
from guichet_kb.serializers.documents import document_rows
from guichet_kb.workflow import notify
from zope.i18n import translate


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


def send(sheet, request, recipient):
    """Queue the checklist to one address (delivered after commit, address not kept)."""
    language = notify._language()
    checklist = text(sheet, request, language) or translate(_("checklist_empty", default="No document to bring."), target_language=language)
    online = f"\n{sheet.online_service_url}\n" if getattr(sheet, "online_service_url", None) else ""
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
