"""1002: agent search (French lexicon, guichet_text index, synonyms and best bets).

Also 1003 (ranking metadata `guichet_terms`, new default synonyms): the same
steps, as registry lists are merged (editors' synonyms stay) and the search
index and metadata are rebuilt for sheets and answers only.
"""
from plone import api

TYPES = ("ServiceSheet", "Answer")


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "catalog", "plone.app.registry"):
        setup.runImportStepFromProfile("profile-guichet_kb:default", step, run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=TYPES):
        catalog.catalog_object(brain._unrestrictedGetObject(), idxs=["guichet_text", "guichet_title"], update_metadata=1)
