"""1005: the town's Site Administrators reach what the README gives them — settings,
catalogue imports and exports, review reminders, the call log's export and purge —
through the new permission *guichet_kb: Manage catalogue* (these needed the Zope
Manager's *Manage portal* before)."""

from plone import api


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "controlpanel"):
        setup.runImportStepFromProfile("profile-guichet_kb:default", step, run_dependencies=False)
