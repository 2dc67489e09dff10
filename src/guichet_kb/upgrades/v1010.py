"""1010: the ``guichet_family`` column (the variant family of a sheet or an answer,
search/variants.py). Only the catalog step runs (existing indexes are kept); every
sheet and answer gets its metadata again (one cheap index, the metadata row)."""

from guichet_kb.facts import ANSWERABLE_TYPES
from plone import api


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile("profile-guichet_kb:default", "catalog", run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=ANSWERABLE_TYPES):
        catalog.catalog_object(brain._unrestrictedGetObject(), idxs=["getId"], update_metadata=1)
