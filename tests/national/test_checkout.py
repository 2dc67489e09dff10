"""A working copy an editor checks out carries neither the original's withdrawal flag
nor the record of a national update already checked in (national/subscribers.py)."""

from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.national.changes import national_changes
from guichet_kb.national.changes import PREVIOUS
from guichet_kb.national.withdrawals import INDEX
from guichet_kb.national.withdrawals import withdrawal
from guichet_kb.national.withdrawals import WITHDRAWN_KEY
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from zope.annotation.interfaces import IAnnotations


def test_checkout_drops_the_national_bookkeeping(portal):
    sheet = portal["demarches"]["carte-identite"]
    sheet.external_id = "F1341"
    previous = {"modified": "2019-08-28", "values": {"title": "Ancien titre"}}
    IAnnotations(sheet)[IMPORT_KEY] = PersistentMapping({"hash": "x", "modified": "2020-11-05", "values": {"title": sheet.title}, PREVIOUS: previous})
    IAnnotations(sheet)[WITHDRAWN_KEY] = PersistentMapping({"date": "2026-12-01", "batch": "essai", "actor": "admin"})
    sheet.reindexObject()
    with api.env.adopt_roles(["Manager"]):
        copy = ICheckinCheckoutPolicy(sheet).checkout(sheet.aq_parent)
    assert PREVIOUS not in IAnnotations(copy)[IMPORT_KEY] and IAnnotations(copy)[IMPORT_KEY]["hash"] == "x"
    assert withdrawal(copy) is None and WITHDRAWN_KEY not in IAnnotations(copy)
    assert national_changes(copy) is None and national_changes(sheet) is None  # an editor's copy is no national update
    # The original keeps its own.
    assert IAnnotations(sheet)[IMPORT_KEY][PREVIOUS] == previous and withdrawal(sheet)["batch"] == "essai"
    catalog = api.portal.get_tool("portal_catalog")
    assert [b.UID for b in catalog.unrestrictedSearchResults(**{INDEX: True})] == [sheet.UID()]
