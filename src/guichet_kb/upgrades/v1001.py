"""1001: editorial workflow (guichet_review_workflow), review dates, versioning, iterate."""

from DateTime import DateTime
from guichet_kb.facts import CATALOGUE_TYPES
from plone import api


STEPS = ("typeinfo", "workflow", "rolemap", "catalog", "repositorytool", "difftool", "plone.app.registry", "browserlayer")
OLD_WORKFLOW, NEW_WORKFLOW = "simple_publication_workflow", "guichet_review_workflow"
STATE_MAP = {"private": "draft", "pending": "pending", "published": "published"}


def carry_state(obj):
    """Start the new workflow's history in the state the item had, so nothing
    published goes offline (a new chain would otherwise start in draft)."""
    history = obj.workflow_history
    if history.get(NEW_WORKFLOW) or not history.get(OLD_WORKFLOW):
        return False
    old = history[OLD_WORKFLOW][-1].get("review_state")
    history[NEW_WORKFLOW] = (
        {
            "action": None,
            "actor": "guichet_kb upgrade",
            "comments": f"{OLD_WORKFLOW}: {old}",
            "review_state": STATE_MAP.get(old, "draft"),
            "time": DateTime(),
        },
    )
    return True


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile("profile-plone.app.iterate:default")
    for step in STEPS:
        setup.runImportStepFromProfile("profile-guichet_kb:default", step, run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=CATALOGUE_TYPES):
        carry_state(brain._unrestrictedGetObject())
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    catalog.refreshCatalog(clear=0)
