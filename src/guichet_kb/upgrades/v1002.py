"""1002: agent search (French lexicon, guichet_text index, synonyms and best bets).

Registry lists are merged (editors' synonyms stay); the search indexes and
metadata are rebuilt for sheets and answers only. 1003 runs this step again
(v1003.py).
"""

from guichet_kb.facts import ANSWERABLE_TYPES
from plone import api


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    # Our registry settings refer to plone.app.caching's records.
    if setup.getLastVersionForProfile("plone.app.caching:default") == "unknown":
        setup.runAllImportStepsFromProfile("profile-plone.app.caching:default")
    for step in ("rolemap", "catalog", "plone.app.registry"):
        setup.runImportStepFromProfile("profile-guichet_kb:default", step, run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=ANSWERABLE_TYPES):
        catalog.catalog_object(brain._unrestrictedGetObject(), idxs=["guichet_text", "guichet_title"], update_metadata=1)
