"""Desk: a place where citizens are received, with structured opening hours."""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidgetFactory
from collective.z3cform.datagridfield.row import DictRow
from guichet_kb import _
from guichet_kb.content import fields
from guichet_kb.content.fields import HttpUrl
from guichet_kb.content.validation import hours_exceptions_constraint
from guichet_kb.content.validation import phone_constraint
from guichet_kb.content.validation import time_constraint
from guichet_kb.content.validation import weekly_hours_constraint
from guichet_kb.hours import Schedule
from guichet_kb.interfaces import IGuichetContent
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.schema import Email
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import implementer


class IOpeningRange(model.Schema):
    day = fields.Term(title=_("Day"), vocabulary="guichet_kb.weekdays")
    opens = fields.TextLine(title=_("Opens (HH:MM)"), constraint=time_constraint)
    closes = fields.TextLine(title=_("Closes (HH:MM)"), constraint=time_constraint)


class IHoursException(model.Schema):
    start = schema.Date(title=_("From"))
    end = schema.Date(title=_("To (included)"), required=False)
    label = fields.TextLine(title=_("Reason"), required=False)
    closed = schema.Bool(title=_("Closed"), required=False, default=False)
    opens = fields.TextLine(title=_("Opens (HH:MM)"), required=False, constraint=time_constraint)
    closes = fields.TextLine(title=_("Closes (HH:MM)"), required=False, constraint=time_constraint)


class IDesk(model.Schema):
    directives.widget(
        "organisation",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Organisation"], "maximumSelectionSize": 1},
    )
    organisation = RelationChoice(
        title=_("Organisation"),
        description=_("The body this desk belongs to."),
        vocabulary="plone.app.vocabularies.Catalog",
        required=False,
    )

    model.fieldset(
        "address",
        label=_("Address and contact"),
        fields=["street", "postal_code", "city", "latitude", "longitude", "phone", "email", "appointment_url", "accessibility"],
    )
    street = fields.TextLine(title=_("Street"), required=False)
    postal_code = fields.TextLine(title=_("Postal code"), required=False)
    city = fields.TextLine(title=_("City"), required=False)
    latitude = schema.Float(title=_("Latitude"), required=False, min=-90.0, max=90.0)
    longitude = schema.Float(title=_("Longitude"), required=False, min=-180.0, max=180.0)
    phone = fields.TextLine(title=_("Phone"), required=False, constraint=phone_constraint)
    email = Email(title=_("E-mail"), required=False)
    appointment_url = HttpUrl(title=_("Appointment booking address"), required=False)
    accessibility = fields.Text(title=_("Accessibility"), required=False)

    model.fieldset("hours", label=_("Opening hours"), fields=["opening_hours", "hours_exceptions"])
    directives.widget("opening_hours", DataGridFieldWidgetFactory)
    opening_hours = fields.List(
        title=_("Weekly opening hours"),
        description=_("One row per opening range; at most two ranges a day."),
        value_type=DictRow(title=_("Range"), schema=IOpeningRange),
        required=False,
        default=[],
        constraint=weekly_hours_constraint,
    )
    directives.widget("hours_exceptions", DataGridFieldWidgetFactory)
    hours_exceptions = fields.List(
        title=_("Exceptions"),
        description=_("Closures and special hours; they replace the weekly hours on their dates."),
        value_type=DictRow(title=_("Exception"), schema=IHoursException),
        required=False,
        default=[],
        constraint=hours_exceptions_constraint,
    )


@implementer(IDesk, IGuichetContent)
class Desk(Item):
    """A desk (guichet / lieu d'accueil)."""

    def schedule(self):
        return Schedule(self.opening_hours or [], self.hours_exceptions or [])
