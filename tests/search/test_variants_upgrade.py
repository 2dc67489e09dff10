"""Upgrade 1010: a site from before issue 15 gets the guichet_family column, filled for
every sheet and answer; an imported fiche's dossier (the import record) is part of its
family id."""

from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.upgrades import v1010
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations


def test_upgrade_adds_and_fills_the_column(portal):
    catalog = api.portal.get_tool("portal_catalog")
    sheet = portal["demarches"]["passeport"]
    with api.env.adopt_roles(["Manager"]):
        sheet.title = "Passeport d'un majeur : première demande"  # as the demo left it, before the upgrade
        IAnnotations(sheet)[IMPORT_KEY] = PersistentMapping({"hash": "x", "values": {}, "dossier": {"id": "N360", "title": "Passeport"}})
        catalog.delColumn("guichet_family")
        assert "guichet_family" not in catalog.schema()
        v1010.upgrade(api.portal.get_tool("portal_setup"))
    assert "guichet_family" in catalog.schema()
    brain = catalog.unrestrictedSearchResults(UID=sheet.UID())[0]
    assert brain.guichet_family == {
        "id": "N360:passeport",
        "title": "Passeport",
        "label": "Majeur · Première demande",
        "facts": {"age": "majeur", "request": "premiere_demande", "document": "passeport"},
    }
    other = catalog.unrestrictedSearchResults(portal_type="Answer", id="cni-perdue")[0]
    assert other.guichet_family is None  # every answer has its row again: None when no variant
