"""Upgrade 1008: a site from before issue 14 gets the national_withdrawn index, and
flagging an item then finds it."""

from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.national import withdrawals
from guichet_kb.upgrades import v1008
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations


def test_upgrade_adds_the_index(portal):
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex(withdrawals.INDEX)
    assert withdrawals.INDEX not in catalog.indexes()
    with api.env.adopt_roles(["Manager"]):
        v1008.upgrade(api.portal.get_tool("portal_setup"))
    assert catalog.Indexes[withdrawals.INDEX].meta_type == "BooleanIndex"
    sheets = [portal["demarches"][name] for name in ("carte-identite", "passeport", "objets-trouves")]
    for sheet, external_id in zip(sheets, ("F1341", "F1342", "F1344"), strict=True):  # as the import leaves them
        sheet.external_id = external_id
        IAnnotations(sheet)[IMPORT_KEY] = PersistentMapping({"hash": "x", "modified": "2020-11-05", "values": {}})
        sheet.reindexObject()
    with api.env.adopt_roles(["Manager"]):
        assert withdrawals.apply(["F1342", "F1344", "F9999"], "essai", "admin") == {"withdrawn": ["F1341"], "restored": []}
    sheet = sheets[0]
    assert [b.getPath() for b in catalog.unrestrictedSearchResults(**{withdrawals.INDEX: True})] == ["/".join(sheet.getPhysicalPath())]
