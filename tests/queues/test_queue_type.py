"""The Queue type (issue 19): added in the desks' folder only, by who adds agendas; its
fieldsets (« Services », « Guichets (postes) », « Campagne »); reviewed like an agenda;
the Kiosk role takes tickets only; upgrade 1019; the demo's two queues."""

from datetime import date
from plone import api
from plone.api.exc import InvalidParameterError
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.interfaces.constrains import ISelectableConstrainTypes
import pytest


CONTRACT = {
    "default": {"title", "description", "desk"},
    "services": {"services"},
    "counters": {"counters"},
    "campaign": {"opens_on", "closes_on", "daily_capacity", "grace_minutes", "notify_minutes"},
}
LABELS = {"services": "Services", "counters": "Guichets (postes)", "campaign": "Campagne"}


def test_types_contract(rest, site):
    schema = rest("admin").get(f"{site}/@types/Queue").json()
    fieldsets = {fs["id"]: fs for fs in schema["fieldsets"]}
    for fieldset, fields in CONTRACT.items():
        assert fields <= set(fieldsets[fieldset]["fields"]), (fieldset, fields - set(fieldsets[fieldset]["fields"]))
    assert {fieldset: fieldsets[fieldset]["title"] for fieldset in LABELS} == LABELS
    assert {"title", "desk", "services", "counters"} <= set(schema["required"])
    assert not {"opens_on", "closes_on"} & set(schema["required"])
    props = schema["properties"]
    assert props["services"]["items"]["properties"]["service"]["vocabulary"]["@id"].endswith("guichet_kb.service_sheets")
    assert set(props["counters"]["items"]["properties"]) == {"code", "label", "prefixes"}
    assert {name: props[name]["default"] for name in ("daily_capacity", "grace_minutes", "notify_minutes")} == {
        "daily_capacity": 0,
        "grace_minutes": 3,
        "notify_minutes": 0,
    }


def test_addable_in_the_desks_folder_only(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    queue = api.content.create(container=portal["guichets"], type="Queue", title="Essai")
    assert queue.portal_type == "Queue" and api.content.get_state(queue) == "draft"
    for container in (portal, portal["demarches"], portal["services"], portal["organismes"]):
        with pytest.raises(InvalidParameterError):
            api.content.create(container=container, type="Queue", title="Essai")


def test_who_adds_a_queue(portal):
    folder = portal["guichets"]
    add = "guichet_kb: Add Queue"
    assert api.user.has_permission(add, username="redacteur", obj=folder)  # a Contributor there, like for agendas
    assert not api.user.has_permission(add, username="agent", obj=folder)
    assert not api.user.has_permission(add, username="valideur", obj=folder)
    assert not api.user.has_permission(add, username="borne", obj=folder)


def test_the_kiosk_role_holds_no_other_permission_of_the_site(portal):
    granted = {perm["name"] for perm in portal.permissionsOfRole("Kiosk") if perm["selected"]}
    assert granted <= {"guichet_kb: Take queue tickets"}, granted


def test_the_notice_setting(portal):
    assert api.portal.get_registry_record("guichet_kb.queue_notify_minutes") == 10


def test_the_demo_queues(portal):
    queues = portal["guichets"]
    walk_in, campaign = queues["file-titres-hotel-de-ville"], queues["campagne-inscriptions-scolaires"]
    desk = portal["guichets"]["mairie-centrale"]
    assert walk_in.desk.to_object == desk and campaign.desk.to_object == desk
    assert [(row["prefix"], row["minutes"]) for row in walk_in.services] == [("C", 15), ("P", 20)]
    agenda_codes = [row["code"] for row in queues["rdv-titres-hotel-de-ville"].counters]
    codes = [row["code"] for row in walk_in.counters]
    assert codes[: len(agenda_codes)] == agenda_codes and len(codes) == len(agenda_codes) + 1  # the agenda's counters, and one more
    assert [row["prefix"] for row in campaign.services] == ["S"]
    assert campaign.services[0]["service"] == portal["demarches"]["inscription-scolaire"].UID()
    assert (campaign.opens_on, campaign.closes_on, campaign.daily_capacity) == (date(2027, 3, 1), date(2027, 4, 30), 80)
    assert {api.content.get_state(walk_in), api.content.get_state(campaign)} == {"published"}


def test_a_submitted_queue_is_in_the_review_queue(portal):
    from guichet_kb.workflow.queue import entries

    queue = portal["guichets"]["campagne-inscriptions-scolaires"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.content.transition(queue, transition="retract")
    api.content.transition(queue, transition="submit")
    with api.env.adopt_user(username="valideur"):
        pending = [entry for entry in entries(reasons=("pending",)) if entry["portal_type"] == "Queue"]
    assert [(entry["title"], entry["reason"]) for entry in pending] == [("Inscriptions scolaires", "pending")]


def test_upgrade_1019(integration):
    from guichet_kb.upgrades import v1019

    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])  # as an upgrade runs
    catalog = api.portal.get_tool("portal_catalog")
    for name in ("queue_desk", "queue_services"):
        catalog.delIndex(name)
        catalog.delColumn(name)
    api.portal.get_tool("portal_types").manage_delObjects(["Queue"])
    registry = portal.portal_registry
    del registry.records["guichet_kb.queue_notify_minutes"]
    registry["guichet_kb.appointment_retention_days"] = 30
    v1019.upgrade(None)
    v1019.upgrade(None)  # twice: nothing more
    assert {"queue_desk", "queue_services"} <= set(catalog.indexes()) & set(catalog.schema())
    fti = api.portal.get_tool("portal_types")["Queue"]
    assert (fti.add_permission, fti.klass) == ("guichet_kb.AddQueue", "guichet_kb.content.queue.Queue")
    assert api.portal.get_tool("portal_workflow").getChainForPortalType("Queue") == ("guichet_review_workflow",)
    assert "Kiosk" in portal.valid_roles()
    assert registry["guichet_kb.queue_notify_minutes"] == 10
    assert registry["guichet_kb.appointment_retention_days"] == 30  # kept
    assert set(ISelectableConstrainTypes(portal["guichets"]).getLocallyAllowedTypes()) == {"Desk", "Agenda", "Queue"}
