"""Upgrade 1013 (issue 16): a site from before organisations gets its town as the one
competent organisation, its desks belong to it and its sheets name it, so every
published sheet stays complete and offers the desks it offered before."""

from guichet_kb.content.competence import competent_uids
from guichet_kb.content.competence import offered_desk_uids
from guichet_kb.content.competence import offers_bodies_desks
from guichet_kb.facts import ORGANISATION_COLUMN
from guichet_kb.serializers.card import card
from guichet_kb.workflow.completeness import missing
from plone import api
from Products.GenericSetup.upgrade import listUpgradeSteps
import pytest


SENDER = "mairie@ville-exemple.fr"


def _objects(catalog, portal_type):
    return [brain._unrestrictedGetObject() for brain in catalog.unrestrictedSearchResults(portal_type=portal_type)]


@pytest.fixture
def before_organisations(portal):
    """The demo site as a site from before 1013: no organisation, no index, no column;
    {sheet UID: the desks it offered then}."""
    catalog = api.portal.get_tool("portal_catalog")
    for desk in _objects(catalog, "Desk"):
        desk.organisation = None
    for sheet in _objects(catalog, "ServiceSheet"):
        sheet.competences = []
    offered = {sheet.UID(): offered_desk_uids(sheet) for sheet in _objects(catalog, "ServiceSheet")}
    folder = portal["organismes"]
    with api.env.adopt_roles(["Manager"]):
        folder.manage_delObjects(list(folder.objectIds()))
    for name in ("competent_uids", "organisation_uid"):
        catalog.delIndex(name)
    for name in ("organisation_uid", ORGANISATION_COLUMN):
        catalog.delColumn(name)
    return offered


def _upgrade():
    setup = api.portal.get_tool("portal_setup")
    (step,) = [s for s in listUpgradeSteps(setup, "guichet_kb:default", "1012") if s["dest"] == ("1013",)]
    step["step"].doStep(setup)


def test_the_town_becomes_the_competent_organisation(portal, before_organisations):
    api.portal.set_registry_record("plone.email_from_address", SENDER)
    with api.env.adopt_roles(["Manager"]):
        _upgrade()
    catalog = api.portal.get_tool("portal_catalog")
    (town,) = _objects(catalog, "Organisation")
    assert (town.kind, town.email, town.Title(), api.content.get_state(town)) == ("commune", SENDER, portal.Title(), "published")
    assert town.is_town and not missing(town)
    assert {"competent_uids", "organisation_uid"} <= set(catalog.indexes())
    assert {"organisation_uid", ORGANISATION_COLUMN} <= set(catalog.schema())
    desks = _objects(catalog, "Desk")
    assert desks and all(desk.organisation.to_object == town for desk in desks)
    assert len(catalog.unrestrictedSearchResults(portal_type="Desk", organisation_uid=town.UID())) == len(desks)
    town_desks = [brain.UID for brain in catalog.unrestrictedSearchResults(portal_type="Desk", review_state="published", sort_on="sortable_title")]
    for sheet in _objects(catalog, "ServiceSheet"):
        assert competent_uids(sheet) == [town.UID()]
        # A sheet with desks of its own offers them, as before; one without, done on
        # site, now offers the town's desks: the town handles it; an online-only one none.
        expected = before_organisations[sheet.UID()] or (town_desks if offers_bodies_desks(sheet.channels) else [])
        assert offered_desk_uids(sheet) == expected, sheet.getId()
        if api.content.get_state(sheet) == "published":
            assert not missing(sheet), (sheet.getId(), [rule.id for rule in missing(sheet)])
    brains = catalog.unrestrictedSearchResults(portal_type="ServiceSheet", competent_uids=town.UID())
    assert len(brains) == len(_objects(catalog, "ServiceSheet"))
    assert all(competent_uid == town.UID() for brain in brains for competent_uid, _case in card(brain)["competences"])
    assert catalog.unrestrictedSearchResults(UID=town.UID())[0][ORGANISATION_COLUMN]["kind"] == "commune"


def test_without_a_sender_address_the_town_stays_a_draft_and_no_sheet_changes(portal, before_organisations):
    api.portal.set_registry_record("plone.email_from_address", "")
    with api.env.adopt_roles(["Manager"]):
        _upgrade()
    catalog = api.portal.get_tool("portal_catalog")
    (town,) = _objects(catalog, "Organisation")
    assert api.content.get_state(town) == "draft"
    assert all(not competent_uids(sheet) for sheet in _objects(catalog, "ServiceSheet"))
    assert all(desk.organisation is None for desk in _objects(catalog, "Desk"))


def test_a_site_with_organisations_keeps_them(portal):
    catalog = api.portal.get_tool("portal_catalog")
    before = sorted(brain.UID for brain in catalog.unrestrictedSearchResults(portal_type="Organisation"))
    with api.env.adopt_roles(["Manager"]):
        _upgrade()
    assert sorted(brain.UID for brain in catalog.unrestrictedSearchResults(portal_type="Organisation")) == before
