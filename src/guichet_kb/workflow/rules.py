"""Why a transition or a check-in is refused: one place for forms, REST and events.

Guards in the DCWorkflow definition only say who may act (roles); what depends
on the comment, on who wrote the item and on its content is decided here.
"""

from guichet_kb import _
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.permissions import OVERRIDE_FOUR_EYES_TITLE
from guichet_kb.workflow import review
from guichet_kb.workflow.completeness import describe
from guichet_kb.workflow.completeness import missing
from plone import api
from plone.app.iterate.interfaces import IWorkingCopy
from zExceptions import BadRequest
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate


NEEDS_COMMENT = {"reject"}
NEEDS_COMPLETE = {"publish", "confirm_review"}


class EditorialRefusal(BadRequest):
    """A transition or check-in refused for readable reasons (HTTP 400)."""

    def __init__(self, problems, request=None):
        # Zope may re-raise with the instance as sole argument: accept any value.
        problems = problems if isinstance(problems, (list, tuple)) else [str(problems)]
        self.problems = [translate(p, context=request) for p in problems]
        super().__init__(" ".join(self.problems))


def missing_message(obj):
    lacking = missing(obj)
    if not lacking:
        return None
    return _("error_incomplete", default="Cannot publish: still missing: ${fields}.", mapping={"fields": describe(lacking, api.env.getRequest())})


def can_override(obj):
    """Site Administrators (and Managers) may publish their own work, with a comment."""
    return api.user.has_permission(OVERRIDE_FOUR_EYES_TITLE, obj=obj)


def four_eyes_problem(obj, userid, comment, authors):
    """None when ``userid`` may approve; a reason otherwise.

    ``authors`` are the people who wrote or submitted this version. A Site
    Administrator may override with a comment (the caller records it).
    """
    if userid not in authors:
        return None
    if can_override(obj) and comment:
        return None
    if can_override(obj):
        return _(
            "error_four_eyes_override",
            default="You wrote or submitted this version: another reviewer must approve it, or give a comment to override as administrator.",
        )
    return _("error_four_eyes", default="You wrote or submitted this version: another reviewer must approve it.")


def imported_by(obj):
    """Who ran the import that last wrote this item (its import record's "by"), or None."""
    return IAnnotations(obj).get(IMPORT_KEY, {}).get("by")


def publish_authors(obj):
    """Who submitted the pending version, changed it last or imported it."""
    return {review.last_submitter(obj), review.last_editor(obj), imported_by(obj)} - {None}


def unavailable(obj, transition):
    """None when ``transition`` leaves the item's current state and the caller may do
    it (its guard); else why not. The completeness and four-eyes rules come after."""
    wftool = api.portal.get_tool("portal_workflow")
    review_state = wftool.getInfoFor(obj, "review_state", None)
    for workflow in wftool.getWorkflowsFor(obj):
        state = workflow.states.get(review_state)
        if state is None:
            return None
        if transition in state.transitions:
            if workflow.isActionSupported(obj, transition):
                return None
            return _(
                "error_transition_not_allowed",
                default="You may not '${transition}' this item in the state '${state}'.",
                mapping={"transition": transition, "state": review_state},
            )
        return _(
            "error_transition_not_from_state",
            default="'${transition}' is not possible from the state '${state}'. Possible: ${allowed}.",
            mapping={"transition": transition, "state": review_state, "allowed": ", ".join(state.transitions) or "-"},
        )
    return None


def transition_problems(obj, transition, comment, userid):
    problems = []
    comment = (comment or "").strip()
    if transition in NEEDS_COMMENT and not comment:
        problems.append(_("error_comment_required", default="A comment is required to send an item back."))
    if transition == "publish" and IWorkingCopy.providedBy(obj):
        problems.append(_("error_publish_working_copy", default="A working copy is not published: check it in instead."))
    if transition == "publish":
        problem = four_eyes_problem(obj, userid, comment, publish_authors(obj))
        if problem:
            problems.append(problem)
    if transition in NEEDS_COMPLETE:
        message = missing_message(obj)
        if message:
            problems.append(message)
    return problems


def checkin_problems(working_copy, message, userid):
    problems = []
    if not (message or "").strip():
        problems.append(_("error_change_note_required", default="A change note is required to check in."))
    authors = {review.last_editor(working_copy)} | set(working_copy.listCreators())
    if userid in authors:
        # No override here: a check-in is a publication of someone's own change.
        problems.append(_("error_checkin_own", default="You edited this working copy: another reviewer must check it in."))
    incomplete = missing_message(working_copy)
    if incomplete:
        problems.append(incomplete)
    return problems


def is_override(obj, transition, comment, userid):
    """True when this publish passes only thanks to the administrator override."""
    if transition != "publish":
        return False
    return userid in publish_authors(obj) and can_override(obj) and bool((comment or "").strip())
