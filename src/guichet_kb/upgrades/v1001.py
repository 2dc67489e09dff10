"""1001: editorial workflow (guichet_review_workflow), review dates, versioning, iterate."""
from plone import api

STEPS = ("typeinfo", "workflow", "rolemap", "catalog", "repositorytool", "difftool", "plone.app.registry", "browserlayer")


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile("profile-plone.app.iterate:default")
    for step in STEPS:
        setup.runImportStepFromProfile("profile-guichet_kb:default", step, run_dependencies=False)
    # New workflow on existing items: DCWorkflow keeps their history and maps
    # states by id; the old "private" state becomes draft.
    api.portal.get_tool("portal_workflow").updateRoleMappings()
