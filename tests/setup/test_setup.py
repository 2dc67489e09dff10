"""Install and uninstall of the add-on profile."""

from guichet_kb.interfaces import IGuichetKBLayer
from plone import api
from plone.browserlayer.utils import registered_layers
import pytest


TYPES = ("ServiceSheet", "RequiredDocument", "Desk", "Department", "Answer", "CatalogueFolder", "Agenda", "Queue")


class TestInstall:
    def test_product_installed(self, installer):
        assert installer.is_product_installed("guichet_kb")

    def test_browserlayer(self, integration):
        assert IGuichetKBLayer in registered_layers()

    @pytest.mark.parametrize("portal_type", TYPES)
    def test_type_registered(self, portal, portal_type):
        assert portal_type in api.portal.get_tool("portal_types")

    @pytest.mark.parametrize("folder_id", ["demarches", "pieces", "guichets", "services", "questions"])
    def test_folders_created_and_published(self, portal, folder_id):
        folder = portal[folder_id]
        assert folder.portal_type == "CatalogueFolder"
        assert api.content.get_state(folder) == "published"

    def test_agent_role_and_permission(self, portal):
        roles = [r["name"] for r in portal.rolesOfPermission("guichet_kb: View internal information") if r["selected"]]
        assert sorted(roles) == ["Agent", "Editor", "Manager", "Reviewer", "Site Administrator"]

    def test_life_events_default(self, portal):
        events = api.portal.get_registry_record("guichet_kb.life_events")
        assert len(events) >= 13
        assert "naissance|Naissance" in events


class TestUninstall:
    @pytest.fixture(autouse=True)
    def _uninstall(self, portal, installer):
        with api.env.adopt_roles(["Manager"]):
            installer.uninstall_product("guichet_kb")

    def test_product_uninstalled(self, installer):
        assert not installer.is_product_installed("guichet_kb")

    def test_browserlayer_removed(self):
        assert IGuichetKBLayer not in registered_layers()

    def test_settings_removed(self):
        assert api.portal.get_registry_record("guichet_kb.life_events", default=None) is None

    def test_content_kept(self, portal):
        assert "demarches" in portal.objectIds()


def test_life_events_are_editable_data(portal):
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    api.portal.set_registry_record("guichet_kb.life_events", ["rentree|Rentrée scolaire", "naissance|Naissance"])
    vocabulary = getUtility(IVocabularyFactory, "guichet_kb.life_events")(portal)
    assert [(t.token, t.title) for t in vocabulary] == [("rentree", "Rentrée scolaire"), ("naissance", "Naissance")]


def test_life_events_setting_rejects_malformed_lines(portal):
    from guichet_kb.content.validation import FieldError
    from guichet_kb.interfaces import IGuichetSettings
    from zope.schema.interfaces import WrongContainedType

    with pytest.raises(WrongContainedType) as info:
        IGuichetSettings["life_events"].validate(["Pas de code"])
    assert isinstance(info.value.errors[0], FieldError)


def test_upgrade_1001_keeps_published_items_published(portal):
    import catalogue_factory as make
    from guichet_kb.upgrades.v1001 import carry_state

    sheet = make.publish(portal, *make.standalone_sheet("fiche-essai", "Fiche d'essai"))["fiche-essai"]
    history = sheet.workflow_history
    history["simple_publication_workflow"] = ({"review_state": "published", "action": None},)
    del history["guichet_review_workflow"]
    assert carry_state(sheet)
    assert api.content.get_state(sheet) == "published"
    assert not carry_state(sheet)  # idempotent


def test_upgrade_1003_adds_the_agent_console_link(portal):
    from Products.GenericSetup.upgrade import listUpgradeSteps

    actions = api.portal.get_tool("portal_actions")["user"]
    actions.manage_delObjects(["guichet-agent"])
    setup = api.portal.get_tool("portal_setup")
    (step,) = [s for s in listUpgradeSteps(setup, "guichet_kb:default", "1002") if s["dest"] == ("1003",)]
    step["step"].doStep(setup)
    assert "guichet-agent" in actions.objectIds()


def test_upgrade_1005_gives_site_administrators_the_catalogue(portal):
    from guichet_kb.permissions import MANAGE_CATALOGUE_TITLE
    from Products.GenericSetup.upgrade import listUpgradeSteps

    portal.manage_permission(MANAGE_CATALOGUE_TITLE, roles=["Manager"], acquire=False)
    setup = api.portal.get_tool("portal_setup")
    (step,) = [s for s in listUpgradeSteps(setup, "guichet_kb:default", "1004") if s["dest"] == ("1005",)]
    step["step"].doStep(setup)
    roles = {r["name"] for r in portal.rolesOfPermission(MANAGE_CATALOGUE_TITLE) if r["selected"]}
    assert roles == {"Manager", "Site Administrator"}
