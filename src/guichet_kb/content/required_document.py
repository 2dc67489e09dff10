"""RequiredDocument: a supporting document defined once and reused by many sheets."""

from guichet_kb import _
from guichet_kb.content import fields
from guichet_kb.interfaces import IGuichetContent
from plone.dexterity.content import Item
from plone.supermodel import model
from zope.interface import implementer


class IRequiredDocument(model.Schema):
    accepted_forms = fields.Text(
        title=_("Accepted forms"),
        description=_("What is accepted, e.g. electricity bill, rent receipt, tax notice."),
        required=False,
    )
    validity_rule = fields.TextLine(
        title=_("Validity rule"),
        description=_("E.g. less than 3 months old."),
        required=False,
    )
    alternatives = fields.Text(title=_("Alternatives"), required=False)


@implementer(IRequiredDocument, IGuichetContent)
class RequiredDocument(Item):
    """A required document (pièce justificative)."""
