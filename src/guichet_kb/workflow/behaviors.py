"""Review dates of every catalogue item ("vérifié le" is public, the reviewer is not)."""

from guichet_kb import _
from guichet_kb.content import fields
from guichet_kb.facts import REVIEW_INTERVAL_MONTHS
from guichet_kb.permissions import MANAGE_PORTAL
from guichet_kb.permissions import VIEW_INTERNAL
from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IReviewDates(model.Schema):
    model.fieldset(
        "management",
        label=_("Management"),
        fields=["review_interval", "last_reviewed", "next_review_date", "last_reviewer"],
    )
    review_interval = schema.Int(
        title=_("Review interval (months)"),
        description=_("Empty: the site default."),
        required=False,
        min=REVIEW_INTERVAL_MONTHS[0],
        max=REVIEW_INTERVAL_MONTHS[1],
    )
    # Set by publish, confirm_review and check-in; not typed by editors.
    directives.write_permission(last_reviewed=MANAGE_PORTAL, next_review_date=MANAGE_PORTAL, last_reviewer=MANAGE_PORTAL)
    directives.mode(last_reviewed="display", next_review_date="display", last_reviewer="display")
    last_reviewed = schema.Date(title=_("Last checked on"), required=False)
    next_review_date = schema.Date(title=_("Next review date"), required=False)
    directives.read_permission(last_reviewer=VIEW_INTERNAL)
    last_reviewer = fields.TextLine(title=_("Last checked by"), required=False)
