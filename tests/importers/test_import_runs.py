"""Import runs: the one preparation of a fiche (server and CLI), run ids, and the
catalog entries of the import record (upgrade 1009 on an existing site)."""

from guichet_kb.importers.batch import new_batch_id
from guichet_kb.importers.batch import valid_batch_id
from guichet_kb.importers.dila import parse
from guichet_kb.importers.nodes import load
from guichet_kb.importers.prepare import prepare
import pathlib
from plone import api
import pytest


FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "dila"


def test_prepare_merges_audiences_and_hashes_like_the_server_did():
    raw = (FIXTURES / "F9001.xml").read_text()
    alone = prepare(raw, "F9001.xml")
    assert alone["hash"] == parse(load(raw))["hash"]
    both = prepare(raw, "particuliers/F9001.xml", ["associations", "particuliers", "inconnu"])
    assert both["audiences"] == ["associations", "particuliers"] and both["hash"] != alone["hash"]
    assert prepare(raw, "x", ["associations"])["hash"] == both["hash"]  # the same fiche, the same hash


def test_batch_ids():
    first, second = new_batch_id("sync"), new_batch_id("sync")
    assert first.startswith("sync-") and first != second and valid_batch_id(first)
    assert [valid_batch_id(v) for v in ("a:b.c_d-1", "", "a b", "x" * 65, None, 3)] == [True, False, False, False, False, False]


@pytest.fixture
def imported_sheet(portal):
    """A sheet whose import record names a run (as the importer writes it)."""
    import catalogue_factory as make
    from guichet_kb.content.imported import IMPORT_KEY
    from persistent.mapping import PersistentMapping
    from zope.annotation.interfaces import IAnnotations

    sheet = make.publish(portal, *make.standalone_sheet("fiche-importee", "Fiche importée"))["fiche-importee"]
    sheet.external_id = "F9001"
    IAnnotations(sheet)[IMPORT_KEY] = PersistentMapping({"hash": "abc", "values": {}, "batch": "run-1", "by": "admin", "change": "created"})
    sheet.reindexObject()
    return sheet


def test_upgrade_1009_indexes_existing_import_records(portal, imported_sheet):
    from Products.GenericSetup.upgrade import listUpgradeSteps

    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("import_batch")
    catalog.delColumn("import_hash")
    setup = api.portal.get_tool("portal_setup")
    (step,) = [s for s in listUpgradeSteps(setup, "guichet_kb:default", "1008") if s["dest"] == ("1009",)]
    step["step"].doStep(setup)
    (brain,) = catalog.unrestrictedSearchResults(import_batch="run-1")
    assert brain.UID == imported_sheet.UID() and brain.import_hash == "abc"
