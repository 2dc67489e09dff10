"""1011: what an `@answer` card needs, as catalog metadata (serializers/card.py):
the ``guichet_card`` column (sheets and answers) and the ``guichet_desk`` column
(desks). The columns are added directly, without the profile's catalog step
(on this step's base that step created ``guichet_lexicon`` afresh: an empty
lexicon under the full text indexes; two columns need nothing else). Sheets, answers and desks are indexed again, whatever their state, so
every brain carries its columns (until then a card is computed from its item)."""

from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.serializers.card import CARD
from guichet_kb.serializers.card import DESK
from plone import api


TYPES = (*ANSWERABLE_TYPES, "Desk")


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    for name in (CARD, DESK):
        if name not in catalog.schema():
            catalog.addColumn(name)
    for brain in catalog.unrestrictedSearchResults(portal_type=TYPES):
        # One cheap index with update_metadata: the columns are filled, no text reindexed.
        catalog.catalog_object(brain._unrestrictedGetObject(), brain.getPath(), idxs=["getId"], update_metadata=1)
