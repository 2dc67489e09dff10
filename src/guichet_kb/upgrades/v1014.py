"""1014: service notices (notices/). The `guichet_notices` column and the
`notice_moments` index are added directly, without the profile's catalog step
(it would give the agent search's lexicon a new, empty word list: v1012 says why);
the items that carry notices start with none, so nothing is indexed again. The
new permission to manage notices (permissions.MANAGE_NOTICES) is granted by the
profile's rolemap step (roles only: nothing else is touched)."""

from guichet_kb.facts import NOTICE_MOMENTS_INDEX
from guichet_kb.facts import NOTICES_COLUMN
from plone import api


PROFILE = "profile-guichet_kb:default"


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    if NOTICES_COLUMN not in catalog.schema():
        catalog.addColumn(NOTICES_COLUMN)
    if NOTICE_MOMENTS_INDEX not in catalog.indexes():
        catalog.addIndex(NOTICE_MOMENTS_INDEX, "KeywordIndex", extra={"indexed_attrs": NOTICE_MOMENTS_INDEX})
    api.portal.get_tool("portal_setup").runImportStepFromProfile(PROFILE, "rolemap", run_dependencies=False)
