"""`--publish` (POST @import-service-public "publish": true): complete drafts go on.

The import runs as its caller, so the workflow's own rules decide, item by item:
- incomplete (workflow/completeness.py): stays in draft, its missing rules listed;
- a caller who may publish (a Site Administrator) submits and publishes it with
  the import's comment: they are its author, so this is the administrator's
  four-eyes override, recorded on the item by the workflow subscriber as for any
  override (workflow/rules.py is_override);
- a caller who may not publish (an Editor) submits it for review: another person
  publishes it.
"""

from guichet_kb.workflow.completeness import missing
from guichet_kb.workflow.rules import EditorialRefusal
from plone import api


PUBLISH_COMMENT = "Import Service-Public.fr (--publish)"
SUBMIT_COMMENT = "Import Service-Public.fr : complet, à publier"


def _may(obj, transition):
    return any(t["id"] == transition for t in api.portal.get_tool("portal_workflow").getTransitionsFor(obj))


def publish(obj):
    """(outcome, rules or problems): "published", "submitted" or "incomplete"."""
    lacking = missing(obj)
    if lacking:
        return "incomplete", lacking
    api.content.transition(obj, transition="submit", comment=SUBMIT_COMMENT)
    if not _may(obj, "publish"):
        return "submitted", []
    try:
        api.content.transition(obj, transition="publish", comment=PUBLISH_COMMENT)
    except EditorialRefusal as refusal:
        return "submitted", refusal.problems
    return "published", []
