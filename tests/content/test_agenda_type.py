"""The Agenda type (issue 18): added in the desks' folder only, by who adds desks; its
fieldsets (« Rendez-vous », « Guichets (postes) », « Fermetures »); reviewed like a desk."""

from plone import api
from plone.api.exc import InvalidParameterError
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.interfaces.constrains import ISelectableConstrainTypes
import pytest


CONTRACT = {
    "default": {"title", "description", "desk"},
    "appointments": {"appointment_types", "min_lead_hours", "max_lead_days", "person_limit", "daily_capacity", "reminder_hours"},
    "counters": {"counters"},
    "closures": {"closures"},
}
LABELS = {"appointments": "Rendez-vous", "counters": "Guichets (postes)", "closures": "Fermetures"}


def test_types_contract(rest, site):
    schema = rest("admin").get(f"{site}/@types/Agenda").json()
    fieldsets = {fs["id"]: fs for fs in schema["fieldsets"]}
    for fieldset, fields in CONTRACT.items():
        assert fields <= set(fieldsets[fieldset]["fields"]), (fieldset, fields - set(fieldsets[fieldset]["fields"]))
    assert {fieldset: fieldsets[fieldset]["title"] for fieldset in LABELS} == LABELS
    assert {"title", "desk", "appointment_types", "counters"} <= set(schema["required"])
    assert "closures" not in schema["required"]
    props = schema["properties"]
    assert props["appointment_types"]["items"]["properties"]["service"]["vocabulary"]["@id"].endswith("guichet_kb.service_sheets")
    assert {name: props[name]["default"] for name in ("min_lead_hours", "max_lead_days", "person_limit", "daily_capacity", "reminder_hours")} == {
        "min_lead_hours": 2,
        "max_lead_days": 60,
        "person_limit": 2,
        "daily_capacity": 0,
        "reminder_hours": 48,
    }


def test_addable_in_the_desks_folder_only(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    agenda = api.content.create(container=portal["guichets"], type="Agenda", title="Essai")
    assert agenda.portal_type == "Agenda" and api.content.get_state(agenda) == "draft"
    assert {"Desk", "Agenda", "Queue"} == {fti.getId() for fti in portal["guichets"].allowedContentTypes()}
    for container in (portal, portal["demarches"], portal["services"], portal["organismes"]):
        with pytest.raises(InvalidParameterError):
            api.content.create(container=container, type="Agenda", title="Essai")


def test_who_adds_an_agenda(portal):
    folder = portal["guichets"]
    add = "guichet_kb: Add Agenda"
    assert api.user.has_permission(add, username="redacteur", obj=folder)  # a Contributor there, like for desks
    assert not api.user.has_permission(add, username="agent", obj=folder)
    assert not api.user.has_permission(add, username="valideur", obj=folder)


def test_the_retention_setting(portal):
    assert api.portal.get_registry_record("guichet_kb.appointment_retention_days") == 7


def test_a_submitted_agenda_is_in_the_review_queue(portal):
    from guichet_kb.workflow.queue import entries

    agenda = portal["guichets"]["rdv-titres-annexe"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.content.transition(agenda, transition="retract")
    api.content.transition(agenda, transition="submit")
    with api.env.adopt_user(username="valideur"):
        pending = [entry for entry in entries(reasons=("pending",)) if entry["portal_type"] == "Agenda"]
    assert [(entry["title"], entry["reason"]) for entry in pending] == [("Rendez-vous CNI et passeport - Mairie annexe des Tilleuls", "pending")]


def test_upgrade_1017(integration):
    from guichet_kb.upgrades import v1017

    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])  # as an upgrade runs
    catalog = api.portal.get_tool("portal_catalog")
    for name in ("agenda_desk", "agenda_services"):
        catalog.delIndex(name)
        catalog.delColumn(name)
    api.portal.get_tool("portal_types").manage_delObjects(["Agenda"])
    registry = portal.portal_registry
    del registry.records["guichet_kb.appointment_retention_days"]
    registry["guichet_kb.interaction_retention_months"] = 24
    v1017.upgrade(None)
    v1017.upgrade(None)  # twice: nothing more
    assert {"agenda_desk", "agenda_services"} <= set(catalog.indexes()) & set(catalog.schema())
    fti = api.portal.get_tool("portal_types")["Agenda"]
    assert (fti.add_permission, fti.klass) == ("guichet_kb.AddAgenda", "guichet_kb.content.agenda.Agenda")
    assert api.portal.get_tool("portal_workflow").getChainForPortalType("Agenda") == ("guichet_review_workflow",)
    assert registry["guichet_kb.appointment_retention_days"] == 7
    assert registry["guichet_kb.interaction_retention_months"] == 24  # kept
    assert set(ISelectableConstrainTypes(portal["guichets"]).getLocallyAllowedTypes()) == {"Desk", "Agenda", "Queue"}
