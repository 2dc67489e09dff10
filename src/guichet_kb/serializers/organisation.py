"""A competent organisation in JSON: one shape for `@organisations`, `@answer`'s
`competent`, the `guichet` expansion, the agent console and the public site.

`guichet_organisation` (catalog column, `organisation_card`) holds what the JSON
takes from the organisation, so a sheet's card names its bodies without waking
them, the staff-only direct line included: the column is one of the add-on's
internal columns (`visibility.INTERNAL_METADATA`), never in a stock listing's
metadata, and `organisation_json` gives the line to staff callers only.
"""

from AccessControl import getSecurityManager
from guichet_kb.content.organisation import IOrganisation
from guichet_kb.content.vocabularies import ORGANISATION_KIND_TITLES
from guichet_kb.facts import LOCAL_KINDS
from guichet_kb.facts import ORGANISATION_COLUMN
from guichet_kb.permissions import VIEW_INTERNAL_TITLE
from guichet_kb.visibility import visible_brains
from Missing import MV
from plone.indexer import indexer
from zope.i18n import translate


CONTACT = ("phone", "email", "website", "online_contact_url")


def organisation_card_of(obj):
    return {
        "kind": obj.kind,
        **{name: getattr(obj, name, None) or None for name in CONTACT},
        "communes": tuple(obj.communes or ()),
        "staff_phone": obj.staff_phone or None,
    }


organisation_card = indexer(IOrganisation)(organisation_card_of)


def card_of(brain):
    value = getattr(brain, ORGANISATION_COLUMN, None)
    return organisation_card_of(brain._unrestrictedGetObject()) if value is None or value is MV else value


def kind_title(kind, request):
    title = ORGANISATION_KIND_TITLES.get(kind)
    return translate(title, context=request) if title is not None else kind


def organisation_json(brain, request, internal=False, case=None):
    """The organisation's JSON from its brain; ``case`` when a sheet names it for one
    case; ``internal`` (staff: the caller's right checked before) adds the direct line."""
    card = card_of(brain)
    data = {
        "UID": brain.UID,
        "@id": brain.getURL(),
        "@type": "Organisation",
        "title": brain.Title,
        "description": brain.Description,
        "kind": card["kind"],
        "kind_title": kind_title(card["kind"], request),
        "is_town": card["kind"] in LOCAL_KINDS,
        **{name: card.get(name) for name in CONTACT},
        "communes": list(card.get("communes") or ()),
    }
    if case is not None:
        data["case"] = case or None
    if internal:
        data["staff_phone"] = card.get("staff_phone")
    return data


def organisation_summary(brain, request=None):
    """The short form naming an organisation inside another item (a desk's
    ``organisation``): no contact, no description."""
    card = card_of(brain)
    return {"UID": brain.UID, "@id": brain.getURL(), "title": brain.Title, "kind": card["kind"], "is_town": card["kind"] in LOCAL_KINDS}


def competent_json(rows, brains_by_uid, request, internal=False):
    """A sheet's competence rows (``[(UID, case)]``) as organisations' JSON, keeping
    only the organisations in ``brains_by_uid`` (the ones the caller may see), in
    the editor's order; bodies other than the town first (citizens go there)."""
    found = [organisation_json(brains_by_uid[uid], request, internal, case or "") for uid, case in rows if uid in brains_by_uid]
    return sorted(found, key=lambda data: data["is_town"])


def sheet_competent_json(sheet, request):
    """A sheet's competent organisations as `@answer` gives them (``competent``): the
    ones the caller may see, other bodies first, the direct line for staff (the
    `guichet` expansion, for the CLI's `show` and `orient`)."""
    rows = [(row.get("organisation"), row.get("case")) for row in getattr(sheet, "competences", None) or ()]
    brains = visible_brains(uid for uid, _case in rows)
    staff = bool(getSecurityManager().checkPermission(VIEW_INTERNAL_TITLE, sheet))
    return competent_json(rows, brains, request, internal=staff)
