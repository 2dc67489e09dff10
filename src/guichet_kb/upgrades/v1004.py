"""1004: trust — the undo history (@transactions) for Site Administrators only."""

from plone import api


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile("profile-guichet_kb:default", "rolemap", run_dependencies=False)
