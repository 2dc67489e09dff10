"""The demo town's catalogue loads through the REST deserializers and is usable at once.

The territory has several bodies (issue 16): the town, the agglomeration and the
CCAS with their own desks, and the ANTS online; at least eight sheets are handled
first by a body that is not the town, and the agent search finds them.
"""

from answer_helpers import answer
from answer_helpers import ids
from datetime import datetime
from guichet_kb.content.competence import offered_desk_uids
from guichet_kb.demo.loader import load
from guichet_kb.demo.loader import read_catalogue
from guichet_kb.facts import CATALOGUE_TYPES
from guichet_kb.facts import FOLDER_OF
from guichet_kb.workflow.completeness import missing
from plone import api
import pytest
from zoneinfo import ZoneInfo


CATALOGUE = read_catalogue()
KEYS = {"Organisation": "organisations", "Department": "departments", "Desk": "desks", "RequiredDocument": "documents"}
KEYS.update({"Answer": "answers", "ServiceSheet": "sheets"})
PARIS = ZoneInfo("Europe/Paris")


def count(portal_type, **query):
    return len(api.content.find(portal_type=portal_type, review_state="published", **query))


@pytest.mark.parametrize(
    "portal_type, minimum",
    [("ServiceSheet", 30), ("RequiredDocument", 10), ("Desk", 6), ("Department", 5), ("Answer", 15), ("Organisation", 4)],
)
def test_published_counts(portal, portal_type, minimum):
    assert count(portal_type) >= minimum


def test_six_top_services_in_order(portal):
    brains = api.content.find(portal_type="ServiceSheet", top_rank={"query": 1, "range": "min"}, sort_on="top_rank")
    assert [b.top_rank for b in brains] == [1, 2, 3, 4, 5, 6]


def test_every_sheet_is_complete_enough(portal):
    for brain in api.content.find(portal_type="ServiceSheet"):
        sheet = brain.getObject()
        assert sheet.description, sheet.id
        assert sheet.channels, sheet.id
        assert sheet.department is not None and sheet.department.to_object is not None, sheet.id
        assert sheet.required_documents or sheet.no_document_needed, sheet.id
        assert sheet.desks or sheet.online_service_url, sheet.id


def test_indexes_answer_without_waking_objects(portal):
    sheet = portal["demarches"]["carte-identite"]
    brains = api.content.find(life_events="papiers-identite")
    assert sheet.UID() in [b.UID for b in brains]
    document_uid = sheet.required_documents[0]["document"]
    assert sheet.UID() in [b.UID for b in api.content.find(required_document_uids=document_uid)]
    desk_uid = sheet.desks[0].to_object.UID()
    assert sheet.UID() in [b.UID for b in api.content.find(desk_uids=desk_uid)]
    online = api.content.find(portal_type="ServiceSheet", has_online_service=True)
    assert online and all(b.online_service_url for b in online)
    brain = api.content.find(UID=sheet.UID())[0]
    assert brain.life_events == sheet.life_events and brain.audiences == sheet.audiences


def test_loader_is_idempotent(portal):
    with api.env.adopt_roles(["Manager"]):
        assert load(portal) == {}


def test_catalogue_references_resolve():
    catalogue = CATALOGUE
    ids = {key: {item["id"] for item in catalogue[key]} for key in KEYS.values()}
    for sheet in catalogue["sheets"]:
        assert set(sheet.get("desks", [])) <= ids["desks"]
        assert sheet["department"] in ids["departments"]
        assert {r["document"] for r in sheet.get("required_documents", [])} <= ids["documents"]
        assert set(sheet.get("related_sheets", [])) <= ids["sheets"]
        assert set(sheet.get("related_answers", [])) <= ids["answers"]
        assert sheet["competences"] and {r["organisation"] for r in sheet["competences"]} <= ids["organisations"], sheet["id"]
    for desk in catalogue["desks"]:
        assert desk["organisation"] in ids["organisations"], desk["id"]
    for answer_item in catalogue["answers"]:
        assert answer_item["related_sheets"] and set(answer_item["related_sheets"]) <= ids["sheets"], answer_item["id"]


def test_demo_accounts_roles(portal):
    assert "Agent" in api.user.get_roles(username="agent")
    assert "Reviewer" in api.user.get_roles(username="valideur")
    roles = api.user.get_roles(username="redacteur", obj=portal["demarches"])
    assert "Editor" in roles and "Contributor" in roles
    assert "Editor" not in api.user.get_roles(username="redacteur")


def _demo_objects(portal):
    for portal_type, key in KEYS.items():
        folder = portal[FOLDER_OF[portal_type]]
        for item in CATALOGUE[key]:
            yield portal_type, folder[item["id"]]


def test_every_demo_item_published_and_complete(portal):
    """Every item of the catalogue meets the publishing rules (workflow/completeness.py)."""
    assert set(KEYS) == set(CATALOGUE_TYPES)
    checked = 0
    for portal_type, obj in _demo_objects(portal):
        assert obj.portal_type == portal_type
        assert api.content.get_state(obj) == "published", obj.getId()
        assert [rule.id for rule in missing(obj)] == [], obj.getId()
        checked += 1
    assert checked == sum(len(CATALOGUE[key]) for key in KEYS.values())


def _first_body(sheet):
    return api.content.get(UID=sheet.competences[0]["organisation"])


def test_other_bodies_handle_at_least_eight_published_sheets(portal):
    handled = {}
    for brain in api.content.find(portal_type="ServiceSheet", review_state="published"):
        body = _first_body(brain.getObject())
        if not body.is_town:
            handled[brain.getId] = body.getId()
    assert len(handled) >= 8, handled
    assert {"agglo-exemple", "ccas-ville-exemple", "ants"} <= set(handled.values())
    for sheet_id, body_id in {"place-creche": "agglo-exemple", "encombrants": "agglo-exemple", "carte-grise": "ants"}.items():
        assert handled[sheet_id] == body_id
    assert handled["registre-canicule"] == handled["portage-repas"] == "ccas-ville-exemple"
    # The catalog answers "what does this body handle?" without waking objects.
    agglo = portal["organismes"]["agglo-exemple"].UID()
    found = {b.getId for b in api.content.find(portal_type="ServiceSheet", competent_uids=agglo)}
    assert {sheet for sheet, body in handled.items() if body == "agglo-exemple"} <= found
    # The town keeps the school registrations.
    assert _first_body(portal["demarches"]["inscription-scolaire"]).getId() == "ville-exemple"


def test_a_sheet_shared_by_two_bodies_by_case(portal):
    sheet = portal["demarches"]["modes-de-garde"]
    rows = [(api.content.get(UID=r["organisation"]).getId(), r["case"]) for r in sheet.competences]
    assert rows == [("agglo-exemple", "Enfant de moins de 3 ans"), ("ville-exemple", "Enfant scolarisé de 3 à 11 ans")]
    offered = [api.content.get(UID=uid).getId() for uid in offered_desk_uids(sheet)]
    assert offered == ["relais-petite-enfance", "espace-famille"]
    creche = portal["demarches"]["place-creche"]
    assert creche.competences[0]["case"] == "Enfant de moins de 3 ans"
    assert [api.content.get(UID=uid).getId() for uid in offered_desk_uids(creche)] == ["relais-petite-enfance"]


def test_each_body_has_its_desks(portal):
    owners = {}
    for brain in api.content.find(portal_type="Desk", review_state="published"):
        owners.setdefault(api.content.get(UID=brain.organisation_uid).getId(), set()).add(brain.getId)
    assert owners["agglo-exemple"] == {"maison-agglomeration", "relais-petite-enfance"}
    assert owners["ccas-ville-exemple"] == {"ccas-accueil"}
    assert {"mairie-centrale", "mairie-annexe", "espace-famille"} <= owners["ville-exemple"]
    assert "ants" not in owners  # online only: carte-grise offers its online service
    carte_grise = portal["demarches"]["carte-grise"]
    assert offered_desk_uids(carte_grise) == [] and carte_grise.online_service_url


@pytest.mark.parametrize(
    "desk, moment, open_now",
    [
        ("maison-agglomeration", datetime(2027, 1, 7, 18, 30), True),  # Thursday late opening
        ("maison-agglomeration", datetime(2027, 1, 8, 18, 30), False),  # Friday closes at 17:00
        ("maison-agglomeration", datetime(2026, 12, 25, 10, 0), False),  # Christmas
        ("maison-agglomeration", datetime(2027, 8, 10, 15, 30), True),  # summer: continuous day
        ("relais-petite-enfance", datetime(2027, 1, 4, 10, 0), False),  # Monday: afternoon only
        ("relais-petite-enfance", datetime(2027, 1, 4, 15, 0), True),
        ("relais-petite-enfance", datetime(2027, 8, 10, 10, 0), False),  # summer closure
        ("ccas-accueil", datetime(2027, 1, 7, 15, 0), False),  # Thursday afternoon closed
        ("ccas-accueil", datetime(2027, 1, 6, 15, 0), True),
    ],
)
def test_other_bodies_desk_hours_parse(portal, desk, moment, open_now):
    schedule = portal["guichets"][desk].schedule()
    assert schedule.is_open(moment.replace(tzinfo=PARIS)) is open_now


def test_each_desk_hours_cover_the_holidays(portal):
    for key in ("maison-agglomeration", "relais-petite-enfance", "ccas-accueil"):
        schedule = portal["guichets"][key].schedule()
        for day in (datetime(2027, 5, 6), datetime(2027, 7, 14), datetime(2027, 11, 11)):
            assert schedule.ranges_on(day.date()) == [], (key, day)
        assert schedule.next_opening(datetime(2027, 1, 1, 9, 0, tzinfo=PARIS)).date() >= datetime(2027, 1, 4).date()


def test_import_profile_maps_each_bodys_pivot_codes_to_its_own_desks():
    """The pivot codes are declared once, on the organisations; the profile maps each
    code to desks of the organisation that lists it (an imported crèche fiche is
    offered the agglomeration's relais, not a town desk)."""
    desks = {desk["id"]: desk["organisation"] for desk in CATALOGUE["desks"]}
    mapping = CATALOGUE["import_profile"]["desks_by_pivot"]
    for organisation in CATALOGUE["organisations"]:
        for code in organisation["pivot_codes"]:
            assert mapping.get(code), code
            assert {desks[d] for d in mapping[code]} == {organisation["id"]}, code
    assert set(mapping) == {code for o in CATALOGUE["organisations"] for code in o["pivot_codes"]}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("place en crèche", "place-creche"),
        ("domiciliation sans domicile", "domiciliation-administrative"),
        ("SDF courrier", "domiciliation-administrative"),
        ("facture électricité impayée aide", "aide-sociale-facultative"),
        ("ouvrir l'eau emménagement", "abonnement-eau"),
        ("poubelle cassée", "bacs-composteur"),
        ("composteur", "bacs-composteur"),
        ("car scolaire collège", "transport-scolaire"),
        ("relais petite enfance", "assistante-maternelle"),
        ("faire garder mon bébé", "modes-de-garde"),
        ("registre canicule", "registre-canicule"),
        ("portage de repas", "portage-repas"),
    ],
)
def test_agent_search_finds_the_other_bodies_sheets(rest, site, query, expected):
    items = answer(rest, site, "agent", q=query, b_size=3)
    assert expected in ids(items), ids(items)
    item = items[ids(items).index(expected)]
    assert item["competent"] and item["competent"][0]["is_town"] is False


def test_exactly_one_town():
    """Imported fiches naming no body's pivot code go to the town: there must be one."""
    from guichet_kb.facts import LOCAL_KINDS

    towns = [o["id"] for o in CATALOGUE["organisations"] if o["kind"] in LOCAL_KINDS]
    assert towns == ["ville-exemple"]
