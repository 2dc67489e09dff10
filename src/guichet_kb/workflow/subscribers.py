"""Event handlers tying the workflow rules to every path (Classic UI, REST, scripts)."""

from guichet_kb.workflow import notify
from guichet_kb.workflow import review
from guichet_kb.workflow.rules import checkin_problems
from guichet_kb.workflow.rules import EditorialRefusal
from guichet_kb.workflow.rules import is_override
from guichet_kb.workflow.rules import transition_problems
from plone import api


# The catalog index holding, on each sheet, the UIDs of each kind of shared fact.
DEPENDENT_INDEX = {
    "RequiredDocument": "required_document_uids",
    "Desk": "desk_uids",
    "Department": "department_uid",
    "Organisation": "competent_uids",
}
REVIEWED_BY = {"publish", "confirm_review"}
# What mark_reviewed changes in the catalog (metadata columns follow with any reindex);
# the workflow tool reindexes the state and security itself. A full reindex here cost
# a third of a bulk publish (the text indexes).
REVIEW_INDEXES = ["next_review_date", "modified"]


def _actor():
    return api.user.get_current().getId()


def before_transition(obj, event):
    if event.transition is None:
        return
    transition, comment, actor = event.transition.id, event.kwargs.get("comment", ""), _actor()
    problems = transition_problems(obj, transition, comment, actor)
    if problems:
        raise EditorialRefusal(problems, api.env.getRequest())
    if is_override(obj, transition, comment, actor):
        review.record_override(obj, actor, transition, comment)


def after_transition(obj, event):
    if event.transition is None:
        return
    transition, actor = event.transition.id, _actor()
    if transition in REVIEWED_BY:
        review.mark_reviewed(obj, actor)
        obj.notifyModified()  # "vérifié le" changed: a cache revalidating by date must see it
        obj.reindexObject(idxs=REVIEW_INDEXES)
    notify.on_transition(obj, transition, actor, event.kwargs.get("comment", ""))


def modified(obj, event):
    review.set_last_editor(obj, _actor())
    flag_dependents(obj)


def flag_dependents(source):
    """A published shared fact changed: every published sheet using it is flagged."""
    index = DEPENDENT_INDEX.get(source.portal_type)
    if index is None or api.content.get_state(source, default=None) != "published":
        return
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="ServiceSheet", review_state="published", **{index: source.UID()}):
        review.add_flag(brain._unrestrictedGetObject(), source, _actor())


def before_checkin(working_copy, event):
    problems = checkin_problems(working_copy, event.message, _actor())
    if problems:
        raise EditorialRefusal(problems, api.env.getRequest())


def after_checkin(baseline, event):
    review.mark_reviewed(baseline, _actor())
    baseline.reindexObject()
