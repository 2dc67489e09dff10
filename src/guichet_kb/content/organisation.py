"""Organisation: a competent body (organisme compétent) — the town, the agglomeration,
the CCAS, a State or social body. It owns desks (Desk.organisation) and sheets name
the competent ones (ServiceSheet.competences), so "which desk?" has an answer."""

from guichet_kb import _
from guichet_kb.content import fields
from guichet_kb.content.fields import HttpUrl
from guichet_kb.content.validation import insee_constraint
from guichet_kb.content.validation import phone_constraint
from guichet_kb.facts import LOCAL_KINDS
from guichet_kb.interfaces import IGuichetContent
from guichet_kb.permissions import VIEW_INTERNAL
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.schema import Email
from plone.supermodel import model
from zope.interface import implementer


class IOrganisation(model.Schema):
    kind = fields.Term(title=_("Kind of body"), vocabulary="guichet_kb.organisation_kinds", default="commune")

    model.fieldset("contact", label=_("Contact"), fields=["phone", "email", "website", "online_contact_url"])
    phone = fields.TextLine(title=_("Phone"), required=False, constraint=phone_constraint)
    email = Email(title=_("E-mail"), required=False)
    website = HttpUrl(title=_("Website"), required=False)
    online_contact_url = HttpUrl(
        title=_("Online contact"),
        description=_("A contact form or an online account where citizens write to this body."),
        required=False,
    )

    model.fieldset("territory", label=_("What it handles, where"), fields=["pivot_codes", "communes"])
    pivot_codes = fields.List(
        title=_("Service-Public local bodies (pivot codes)"),
        description=_("The national fiches naming these local bodies are handled by this organisation."),
        value_type=fields.Term(vocabulary="guichet_kb.pivot_codes"),
        required=False,
        default=[],
    )
    communes = fields.List(
        title=_("Communes covered (INSEE codes)"),
        description=_("One INSEE code per line, e.g. 75056."),
        value_type=fields.TextLine(constraint=insee_constraint),
        required=False,
        default=[],
    )

    model.fieldset("internal", label=_("Staff only"), fields=["staff_phone", "internal_notes"])
    directives.read_permission(staff_phone=VIEW_INTERNAL, internal_notes=VIEW_INTERNAL)
    staff_phone = fields.TextLine(
        title=_("Direct line for agents"),
        description=_("To transfer a call; never shown to citizens."),
        required=False,
        constraint=phone_constraint,
    )
    internal_notes = fields.Text(title=_("Internal notes"), required=False)


@implementer(IOrganisation, IGuichetContent)
class Organisation(Item):
    """A competent body (organisme compétent)."""

    @property
    def is_town(self):
        return self.kind in LOCAL_KINDS
