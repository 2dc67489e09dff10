"""1008: the `national_withdrawn` index (fiches withdrawn from the national package,
national/withdrawals.py).

The catalog step adds the missing index (existing ones are kept). Nothing is
reindexed: no item can be flagged before this version, and flagging an item
indexes it; an unindexed item is not found by `national_withdrawn=True`, which is
right for all of them.
"""

from plone import api


def upgrade(context):
    api.portal.get_tool("portal_setup").runImportStepFromProfile("profile-guichet_kb:default", "catalog", run_dependencies=False)
