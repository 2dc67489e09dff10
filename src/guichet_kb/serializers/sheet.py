"""A service sheet as an agent's lookup shows it (`@answer`), and the short link
to a related item (the `guichet` expansion)."""

from AccessControl import getSecurityManager
from guichet_kb import _
from guichet_kb.permissions import VIEW_INTERNAL_TITLE
from guichet_kb.serializers.agenda import sheet_agendas
from guichet_kb.serializers.card import competent_uids
from guichet_kb.serializers.card import desk_data
from guichet_kb.serializers.card import offered_desks
from guichet_kb.serializers.desk import desk_brain_json
from guichet_kb.serializers.organisation import competent_json
from guichet_kb.serializers.queue import sheet_queues
from Missing import MV
from zope.i18n import translate


def _meta(brain, name):
    value = getattr(brain, name, None)
    return None if value is MV else value


def link_json(obj):
    """A related item: its address, title and summary."""
    return {"@id": obj.absolute_url(), "title": obj.Title(), "summary": obj.Description()}


def brain_link_json(brain):
    """The same link from catalog metadata (listings: no object woken)."""
    return {"@id": brain.getURL(), "title": brain.Title, "summary": brain.Description}


def cost_text(brain, amount, request):
    """'gratuit' (request language), the amount in euros (``amount``, as text), or the cost note."""
    if _meta(brain, "free_of_charge"):
        return translate(_("cost_free", default="free"), context=request)
    return amount if amount is not None else _meta(brain, "cost_note")


class InternalReader:
    """Who may read a sheet's staff-only fields (the call script), decided
    without waking the sheet where the rule allows it, once per container and
    request.

    The staff-only permission is not one the workflow manages (workflows/
    guichet_review_workflow/definition.xml maps View, Access contents information,
    Modify, Delete, Review and Check out only): rolemap.xml grants it at the site
    and items acquire it, so on a sheet it is what it is on the sheet's folder,
    unless the sheet has security settings of its own (the card's "own_security":
    local roles, a blocked inheritance, its own permission setting), for which the
    sheet itself is asked."""

    def __init__(self, site):
        self.site = site
        self.folders = {}

    def may_read(self, brain, card):
        if card["own_security"]:
            return self.allowed(brain._unrestrictedGetObject())
        folder = brain.getPath().rpartition("/")[0]
        if folder not in self.folders:
            self.folders[folder] = self.allowed(self.site.unrestrictedTraverse(folder))
        return self.folders[folder]

    @staticmethod
    def allowed(obj):
        return bool(getSecurityManager().checkPermission(VIEW_INTERNAL_TITLE, obj))


def call_script(brain, card):
    """The call script (staff only: the caller's right checked before). Its text
    is not catalog metadata (stock listings read metadata back): the sheet is
    woken for it when it has one."""
    if not card["script"]:
        return {"questions": None, "answer": None}
    sheet = brain._unrestrictedGetObject()
    return {"questions": sheet.call_script_questions, "answer": sheet.call_script_answer}


def sheet_summary(brain, card, related, request, internal, desks_of=None):
    """What an agent needs on the phone: channels, documents (titles), the first
    desk the caller may see, cost and delay, the agendas it can be booked at
    (serializers/agenda.py) and its walk-in queues (serializers/queue.py); the call script for staff.

    From catalog metadata only: the sheet's brain and its `guichet_card`
    (serializers/card.py), and ``related`` ({UID: brain} of the related items the
    caller may see, `visibility.visible_brains`); ``internal`` an `InternalReader`;
    ``desks_of`` the desks of competent organisations the sheet lists no desk of
    (`visibility.visible_desks_of`). The competent organisations the caller may see
    come first in `competent`, other bodies before the town."""
    desks = offered_desks(card, related, desks_of or {})
    staff = internal.may_read(brain, card)
    organisations = {uid: related[uid] for uid in competent_uids(card) if uid in related}
    data = {
        "channels": list(_meta(brain, "channels") or []),
        "online_service_url": _meta(brain, "online_service_url"),
        "required_documents": [related[uid].Title for uid in card["documents"] if uid in related],
        "desk": desk_brain_json(desks[0], desk_data(desks[0]), request=request) if desks else None,
        "free_of_charge": bool(_meta(brain, "free_of_charge")),
        "cost": cost_text(brain, card["cost_amount"], request),
        "processing_time": _meta(brain, "processing_time"),
        "competent": competent_json(card.get("competences", ()), organisations, request, internal=staff),
        "agendas": sheet_agendas(brain.UID, request),
        "queues": sheet_queues(brain.UID, request),
    }
    if staff:
        data["call_script"] = call_script(brain, card)
    return data
