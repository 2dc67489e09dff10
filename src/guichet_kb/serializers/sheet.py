"""A service sheet as an agent's lookup shows it (`@answer`), and the short link
to a related item (the `guichet` expansion)."""

from guichet_kb import _
from guichet_kb.permissions import VIEW_INTERNAL
from guichet_kb.serializers.desk import desk_json
from guichet_kb.serializers.documents import document_titles
from guichet_kb.visibility import visible
from Missing import MV
from zope.i18n import translate
from zope.security import checkPermission


def _meta(brain, name):
    value = getattr(brain, name, None)
    return None if value is MV else value


def link_json(obj):
    """A related item: its address, title and summary."""
    return {"@id": obj.absolute_url(), "title": obj.Title(), "summary": obj.Description()}


def brain_link_json(brain):
    """The same link from catalog metadata (listings: no object woken)."""
    return {"@id": brain.getURL(), "title": brain.Title, "summary": brain.Description}


def cost_text(brain, sheet, request):
    """'gratuit' (request language), the amount in euros, or the cost note."""
    if _meta(brain, "free_of_charge"):
        return translate(_("cost_free", default="free"), context=request)
    amount = sheet.cost_amount
    return str(amount) if amount is not None else _meta(brain, "cost_note")


def sheet_summary(brain, sheet, request, documents=None):
    """What an agent needs on the phone: channels, documents (titles), the first
    desk the caller may see, cost and delay; the call script for staff.

    Catalog metadata where it exists: reading unset fields of an object goes
    through schema defaults, which showed in the profile."""
    desks = visible(sheet.desks)
    data = {
        "channels": list(_meta(brain, "channels") or []),
        "online_service_url": _meta(brain, "online_service_url"),
        "required_documents": document_titles(sheet, documents),
        "desk": desk_json(desks[0], request=request) if desks else None,
        "free_of_charge": bool(_meta(brain, "free_of_charge")),
        "cost": cost_text(brain, sheet, request),
        "processing_time": _meta(brain, "processing_time"),
    }
    if checkPermission(VIEW_INTERNAL, sheet):
        data["call_script"] = {"questions": sheet.call_script_questions, "answer": sheet.call_script_answer}
    return data
