"""Each type is addable only where intended; the @types contract of each type."""

from plone import api
from plone.api.exc import InvalidParameterError
import pytest


@pytest.fixture(autouse=True)
def as_manager(portal):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(portal, TEST_USER_ID, ["Manager"])


HOME = {
    "ServiceSheet": "demarches",
    "RequiredDocument": "pieces",
    "Desk": "guichets",
    "Department": "services",
    "Answer": "questions",
}


@pytest.mark.parametrize("portal_type, folder_id", HOME.items())
def test_addable_in_its_folder(portal, portal_type, folder_id):
    obj = api.content.create(container=portal[folder_id], type=portal_type, title="Essai")
    assert obj.portal_type == portal_type


@pytest.mark.parametrize("portal_type", HOME)
def test_not_addable_elsewhere(portal, portal_type):
    targets = [portal] + [portal[f] for t, f in HOME.items() if t != portal_type]
    for container in targets:
        with pytest.raises(InvalidParameterError):
            api.content.create(container=container, type=portal_type, title="Essai")


def test_not_addable_in_a_plain_folder(portal):
    folder = api.content.create(container=portal, type="Folder", title="Dossier")
    allowed = [fti.getId() for fti in folder.allowedContentTypes()]
    for portal_type in HOME:
        assert portal_type not in allowed


def test_catalogue_folder_only_by_profile(portal):
    assert "CatalogueFolder" not in [fti.getId() for fti in portal.allowedContentTypes()]


def test_contributor_can_add_sheet_editor_alone_cannot(portal):
    folder = portal["demarches"]
    api.user.create(username="contrib", email="a@example.org", password="secret-demo")
    api.user.create(username="editeur", email="b@example.org", password="secret-demo")
    api.user.grant_roles(username="contrib", obj=folder, roles=["Contributor"])
    api.user.grant_roles(username="editeur", obj=folder, roles=["Editor"])
    add = "guichet_kb: Add ServiceSheet"
    assert api.user.has_permission(add, username="contrib", obj=folder)
    assert not api.user.has_permission(add, username="editeur", obj=folder)


CONTRACT = {
    "ServiceSheet": {
        "default": {"title", "description", "audiences", "life_events", "keywords", "synonyms"},
        "eligibility": {"eligibility"},
        "documents": {"required_documents", "no_document_needed", "documents_note"},
        "procedure": {"steps", "channels", "online_service_url", "appointment_required", "appointment_url"},
        "where": {"desks"},
        "practical": {"free_of_charge", "cost_amount", "cost_note", "processing_time", "validity"},
        "responsibility": {"department", "legal_references"},
        "related": {"related_sheets", "related_answers"},
        "management": {"top_rank", "review_interval", "next_review_date", "external_id", "source_url", "source_modified"},
        "internal": {"call_script_questions", "call_script_answer", "internal_notes", "backoffice_contact"},
    },
    "RequiredDocument": {"default": {"title", "description", "accepted_forms", "validity_rule", "alternatives"}},
    "Desk": {
        "default": {"title", "description"},
        "address": {"street", "postal_code", "city", "latitude", "longitude", "phone", "email", "appointment_url", "accessibility"},
        "hours": {"opening_hours", "hours_exceptions"},
    },
    "Department": {"default": {"title", "description", "email", "phone", "address"}, "internal": {"internal_notes"}},
    "Answer": {
        "default": {"title", "description", "short_answer", "full_answer", "related_sheets"},
        "management": {"external_id", "source_url", "source_modified"},
        "internal": {"internal_notes"},
    },
}


@pytest.mark.parametrize("portal_type", CONTRACT)
def test_types_contract(rest, site, portal_type):
    response = rest("admin").get(f"{site}/@types/{portal_type}")
    assert response.status_code == 200
    schema = response.json()
    fieldsets = {fs["id"]: set(fs["fields"]) for fs in schema["fieldsets"]}
    for fieldset, fields in CONTRACT[portal_type].items():
        assert fields <= fieldsets[fieldset], (fieldset, fields - fieldsets[fieldset])
    assert "title" in schema["required"]


def test_sheet_field_types(rest, site):
    props = rest("admin").get(f"{site}/@types/ServiceSheet").json()["properties"]
    assert props["audiences"]["items"]["vocabulary"]["@id"].endswith("guichet_kb.audiences")
    assert props["channels"]["items"]["vocabulary"]["@id"].endswith("guichet_kb.channels")
    assert props["life_events"]["items"]["vocabulary"]["@id"].endswith("guichet_kb.life_events")
    assert props["top_rank"]["type"] == "integer"
    assert props["review_interval"]["minimum"] == 3 and props["review_interval"]["maximum"] == 36
    assert props["required_documents"]["type"] == "array"
