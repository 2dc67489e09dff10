"""The published catalogue as open data: service sheets (CSV and JSON), answers,
desks and organisations (JSON).

Built as Anonymous (anonymous.py): the catalog finds only published items inside
their effective window, and every related item passes `visibility.may_see`; the
related items come from the same `guichet` expansion the public site reads
(api/guichet/expansion.py), so a citizen's page and the files agree. Only the
public fields named here are written: never a call script, internal notes, a
back-office contact or an organisation's staff line. Nothing personal is kept:
the files hold the catalogue's own public texts.
"""

from guichet_kb import _
from guichet_kb import schemaorg
from guichet_kb.api.guichet.expansion import GuichetExpansion
from guichet_kb.content.vocabularies import AUDIENCE_TITLES
from guichet_kb.content.vocabularies import CHANNEL_TITLES
from guichet_kb.opendata.dictionary import french
from guichet_kb.serializers.desk import desk_address
from guichet_kb.serializers.organisation import organisation_json
from guichet_kb.visibility import first_visible
from guichet_kb.visibility import may_see
from guichet_kb.visibility import moment
from guichet_kb.visibility import visible
from plone import api


def _find(portal_type):
    """The items of a type Anonymous may see, by title (the catalog's rule, then `may_see`)."""
    now = moment()
    objects = (brain.getObject() for brain in api.content.find(portal_type=portal_type, review_state="published", sort_on="sortable_title"))
    return [obj for obj in objects if may_see(obj, now)]


def _iso(value):
    return value.ISO8601() if value is not None and hasattr(value, "ISO8601") else None


def _yes_no(value):
    return french(_("opendata_yes", default="yes")) if value else french(_("opendata_no", default="no"))


def _sheet_json(sheet, type_title):
    """What the public site reads of a sheet's own REST JSON (schemaorg.government_service)."""
    return {
        "title": sheet.Title(),
        "description": sheet.Description(),
        "type_title": type_title,
        "audiences": [{"token": token, "title": french(AUDIENCE_TITLES[token])} for token in sheet.audiences or () if token in AUDIENCE_TITLES],
        "online_service_url": sheet.online_service_url,
        "modified": _iso(sheet.modified()),
    }


def sheet_record(sheet, request, site_name, type_title):
    """(schema.org JSON, CSV row) of one visible sheet."""
    guichet = GuichetExpansion(sheet, request).fields()
    data = _sheet_json(sheet, type_title)
    service = schemaorg.government_service(data, guichet, sheet.absolute_url(), site_name, french(_("Online")))
    related = visible(sheet.related_sheets)
    service.update(
        identifier=sheet.UID(),
        keywords=list(sheet.keywords or ()),
        isRelatedTo=[{"@type": "GovernmentService", "identifier": s.UID(), "name": s.Title(), "url": s.absolute_url()} for s in related],
        datePublished=_iso(sheet.effective_date),
    )
    cost = sheet.cost_amount
    row = {
        "uid": sheet.UID(),
        "titre": sheet.Title(),
        "resume": sheet.Description(),
        "url": sheet.absolute_url(),
        "publics": "; ".join(a["title"] for a in data["audiences"]),
        "mots_cles": "; ".join(sheet.keywords or ()),
        "canaux": "; ".join(french(CHANNEL_TITLES[c]) for c in sheet.channels or () if c in CHANNEL_TITLES),
        "service_en_ligne": sheet.online_service_url or "",
        "rendez_vous_requis": _yes_no(sheet.appointment_required),
        "prise_de_rendez_vous": sheet.appointment_url or "",
        "gratuit": _yes_no(sheet.free_of_charge),
        "cout_euros": str(cost) if cost is not None else "",
        "cout_precision": sheet.cost_note or "",
        "delai": sheet.processing_time or "",
        "validite": sheet.validity or "",
        "pieces_justificatives": "; ".join(row["title"] for row in guichet["documents"] if row.get("title")),
        "organismes_competents": "; ".join(o["title"] for o in guichet["competent"]),
        "service_responsable": guichet["department"]["title"] if guichet["department"] else "",
        "lieux_accueil": "; ".join(d["title"] for d in guichet["desks"]),
        "demarches_liees": "; ".join(s.Title() for s in related),
        "date_publication": _iso(sheet.effective_date) or "",
        "date_modification": data["modified"] or "",
    }
    return service, row


def answer_json(answer):
    return {
        "@type": "Question",
        "identifier": answer.UID(),
        "name": answer.Title(),
        "description": answer.Description(),
        "acceptedAnswer": {"@type": "Answer", "text": answer.short_answer},
        "url": answer.absolute_url(),
        "isRelatedTo": [s.UID() for s in visible(answer.related_sheets)],
        "dateModified": _iso(answer.modified()),
    }


def desk_json(desk):
    organisation = first_visible(getattr(desk, "organisation", None))
    return {
        "@type": "GovernmentOffice",
        "identifier": desk.UID(),
        "name": desk.Title(),
        "description": desk.Description(),
        "address": desk_address(desk),
        "telephone": desk.phone,
        "email": desk.email,
        "url": desk.absolute_url(),
        "geo": {"@type": "GeoCoordinates", "latitude": desk.latitude, "longitude": desk.longitude} if desk.latitude is not None else None,
        "parentOrganization": organisation.UID() if organisation is not None else None,
        "openingHours": [dict(row) for row in desk.opening_hours or ()],
        "accessibility": desk.accessibility,
    }


def organisations_json(request):
    """The organisations Anonymous may see, as everywhere (serializers/organisation.py, no staff line)."""
    brains = api.content.find(portal_type="Organisation", review_state="published", sort_on="sortable_title")
    return [organisation_json(brain, request) for brain in brains]


def build(site_name, request):
    """{"services": [...], "answers": [...], "desks": [...], "organisations": [...]}
    and the CSV rows of the sheets, as Anonymous sees them (run inside `as_anonymous`)."""
    fti = api.portal.get_tool("portal_types").getTypeInfo("ServiceSheet")
    type_title = french(fti.Title())
    services, rows = [], []
    for sheet in _find("ServiceSheet"):
        service, row = sheet_record(sheet, request, site_name, type_title)
        services.append(service)
        rows.append(row)
    data = {
        "services": services,
        "answers": [answer_json(a) for a in _find("Answer")],
        "desks": [desk_json(d) for d in _find("Desk")],
        "organisations": organisations_json(request),
    }
    return data, rows
