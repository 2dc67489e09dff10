"""1009: the import record in the catalog (content/imported_indexers.py): the
``import_batch`` index (the digest of one import run) and the ``import_hash``
column (the hashes the CLI compares before sending fiches). Only the catalog step
runs (existing indexes are kept); imported sheets and answers are indexed again."""

from guichet_kb.facts import ANSWERABLE_TYPES
from plone import api


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile("profile-guichet_kb:default", "catalog", run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=ANSWERABLE_TYPES, external_id={"query": "", "range": "min"}):
        catalog.catalog_object(brain._unrestrictedGetObject(), idxs=["import_batch"], update_metadata=1)
