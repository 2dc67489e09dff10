"""Department: the back office that handles a démarche (service instructeur)."""

from guichet_kb import _
from guichet_kb.content import fields
from guichet_kb.content.validation import phone_constraint
from guichet_kb.interfaces import IGuichetContent
from guichet_kb.permissions import VIEW_INTERNAL
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.schema import Email
from plone.supermodel import model
from zope.interface import implementer


class IDepartment(model.Schema):
    email = Email(title=_("E-mail"), required=False)
    phone = fields.TextLine(title=_("Phone"), required=False, constraint=phone_constraint)
    address = fields.Text(title=_("Address"), required=False)

    model.fieldset("internal", label=_("Staff only"), fields=["internal_notes"])
    directives.read_permission(internal_notes=VIEW_INTERNAL)
    internal_notes = fields.Text(title=_("Internal notes"), required=False)


@implementer(IDepartment, IGuichetContent)
class Department(Item):
    """A department (service instructeur)."""
