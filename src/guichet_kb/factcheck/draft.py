"""What a fact-check link lets the expert read: this one sheet's public fields, as
the draft is now, and its documents list. NOTHING else: no staff-only field
(`FIELDS` is an allow-list; tests/factcheck check none of it is read-protected),
no relation to another item (desks, department, related sheets: they may be drafts
themselves), and among the required documents only the published ones (a draft
document would be another unpublished item; its row is left out, and counted).
"""

from decimal import Decimal
from guichet_kb import _
from guichet_kb.content.service_sheet import IServiceSheet
from guichet_kb.serializers.documents import document_row
from guichet_kb.serializers.documents import uids_of
from guichet_kb.visibility import is_active
from guichet_kb.visibility import moment
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.i18n import translate


# The sheet's public fields the expert checks, in the order of the sheet's form.
FIELDS = (
    "title",
    "description",
    "audiences",
    "eligibility",
    "no_document_needed",
    "documents_note",
    "steps",
    "channels",
    "online_service_url",
    "appointment_required",
    "appointment_url",
    "free_of_charge",
    "cost_amount",
    "cost_note",
    "processing_time",
    "validity",
    "legal_references",
)
VOCABULARIES = {"audiences": "guichet_kb.audiences", "channels": "guichet_kb.channels"}
_TITLES = {"title": _("fact_check_field_title", default="Title"), "description": _("fact_check_field_description", default="Summary")}


def _value(value):
    if isinstance(value, RichTextValue):
        return value.output
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [dict(item) if isinstance(item, dict) else item for item in value]
    return value


def _published_documents(sheet):
    """{UID: document} of the sheet's documents anybody may read (published, in their window)."""
    uids = [uid for uid in uids_of(sheet) if uid]
    if not uids:
        return {}
    now, found = moment(), {}
    for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uids, review_state="published"):
        document = brain._unrestrictedGetObject()
        if is_active(document, now):
            found[brain.UID] = document
    return found


def documents(sheet, request):
    """(rows of the published documents, how many rows were left out)."""
    published = _published_documents(sheet)
    rows = list(getattr(sheet, "required_documents", None) or ())
    shown = [document_row(row, published[row.get("document")], request) for row in rows if row.get("document") in published]
    return shown, len(rows) - len(shown)


def field_title(name, request):
    return translate(IServiceSheet[name].title, context=request) if name in IServiceSheet else translate(_TITLES[name], context=request)


def draft_json(sheet, request):
    """The draft as the expert reads it (REST and the Classic page)."""
    data = {name: _value(getattr(sheet, name, None)) for name in FIELDS if name not in ("title", "description")}
    data["title"], data["description"] = sheet.Title(), sheet.Description()
    rows, hidden = documents(sheet, request)
    data.update(
        {
            "UID": sheet.UID(),
            "review_state": api.content.get_state(sheet),
            "modified": sheet.modified().asdatetime().isoformat(),
            "required_documents": rows,
            "documents_not_shown": hidden,
        }
    )
    return data
