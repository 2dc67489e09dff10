"""1015: the fact check (factcheck/): the ``fact_check_answered`` index the review
queue asks. Added directly, without the profile's catalog step (which would
create the agent search's lexicon afresh, see v1011); no sheet has an answer yet,
so the new index needs no reindexing."""

from guichet_kb.factcheck.answering import INDEX
from plone import api


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        catalog.addIndex(INDEX, "BooleanIndex")
