"""The demo town's catalogue loads through the REST deserializers and is usable at once."""

from guichet_kb.demo.loader import load
from guichet_kb.demo.loader import read_catalogue
from plone import api
import pytest


def count(portal_type, **query):
    return len(api.content.find(portal_type=portal_type, review_state="published", **query))


@pytest.mark.parametrize(
    "portal_type, minimum",
    [("ServiceSheet", 30), ("RequiredDocument", 10), ("Desk", 3), ("Department", 5), ("Answer", 15)],
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
    catalogue = read_catalogue()
    ids = {key: {item["id"] for item in catalogue[key]} for key in ("sheets", "documents", "desks", "departments", "answers")}
    for sheet in catalogue["sheets"]:
        assert set(sheet.get("desks", [])) <= ids["desks"]
        assert sheet["department"] in ids["departments"]
        assert {r["document"] for r in sheet.get("required_documents", [])} <= ids["documents"]
        assert set(sheet.get("related_sheets", [])) <= ids["sheets"]
        assert set(sheet.get("related_answers", [])) <= ids["answers"]


def test_demo_accounts_roles(portal):
    assert "Agent" in api.user.get_roles(username="agent")
    assert "Reviewer" in api.user.get_roles(username="valideur")
    roles = api.user.get_roles(username="redacteur", obj=portal["demarches"])
    assert "Editor" in roles and "Contributor" in roles
    assert "Editor" not in api.user.get_roles(username="redacteur")
