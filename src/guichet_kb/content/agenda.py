"""Agenda: the appointments a desk gives for some services (issue 18).

An agenda sits in the desks' folder beside its desk, under the same workflow:
only a published agenda the caller may see is bookable (appointments/agendas.py).
Its desk's opening hours and exceptions are the frame; the agenda adds its
appointment types (with their duration and the sheet each serves), the counters
(postes) that serve them, its own closures, the lead times and the limits. The
tables' rules are declared once in appointments/validation.py (the same field
errors in the edit form and a REST 400); the ones that need the catalog are here:
a type's service is a service sheet (its vocabulary) and the desk is a desk.
Nothing personal is stored on an agenda: bookings live in the site's booking
store (appointments/store.py; appointments/__init__.py says what it keeps and
for how long).
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidgetFactory
from collective.z3cform.datagridfield.row import DictRow
from guichet_kb import _
from guichet_kb.appointments.validation import AgendaError
from guichet_kb.appointments.validation import check_counter_types
from guichet_kb.content import fields
from guichet_kb.content.validation import appointment_types_constraint
from guichet_kb.content.validation import closures_constraint
from guichet_kb.content.validation import count_constraint
from guichet_kb.content.validation import counters_constraint
from guichet_kb.content.validation import error_message
from guichet_kb.content.validation import FieldError
from guichet_kb.content.validation import time_constraint
from guichet_kb.facts import AGENDA_DEFAULTS
from guichet_kb.interfaces import IGuichetContent
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


class SheetTerm(fields.Term):
    """A service sheet named by its UID (the editor's sheets), with its own message."""

    def _validate(self, value):
        try:
            super()._validate(value)
        except FieldError:
            raise FieldError(_("error_agenda_not_a_sheet", default="'${value}' is not a service sheet.", mapping={"value": str(value)})) from None


def place_constraint(message):
    """A constraint: the value (a relation, or the object a form gives) is a desk, else ``message``."""

    def constraint(value):
        target = getattr(value, "to_object", value)
        if getattr(target, "portal_type", None) != "Desk":
            raise FieldError(message)
        return True

    return constraint


desk_constraint = place_constraint(_("error_agenda_not_a_desk", default="The agenda's place must be a desk."))


def invalid(error):
    """An invariant's `Invalid` with the translatable message of a pure check's error."""
    return Invalid(error_message(error))


class IAppointmentType(model.Schema):
    code = fields.TextLine(title=_("Code"), description=_("Short, e.g. 'depot'."))
    label = fields.TextLine(title=_("Label"))
    service = SheetTerm(title=_("Service"), vocabulary="guichet_kb.service_sheets")
    duration = schema.Int(title=_("Duration (minutes)"))


class ICounterRow(model.Schema):
    """A counter (poste) of a desk: its code and label (an agenda's and a queue's rows)."""

    code = fields.TextLine(title=_("Code"))
    label = fields.TextLine(title=_("Label"))


class ICounter(ICounterRow):
    types = fields.TextLine(title=_("Appointment types"), description=_("Codes separated by commas; empty: every type."), required=False)


class IClosure(model.Schema):
    start = schema.Date(title=_("From"))
    end = schema.Date(title=_("To (included)"), required=False)
    opens = fields.TextLine(title=_("Closed from (HH:MM)"), required=False, constraint=time_constraint)
    closes = fields.TextLine(title=_("Closed until (HH:MM)"), required=False, constraint=time_constraint)
    label = fields.TextLine(title=_("Reason"), required=False)


def _count(name, title, description):
    return schema.Int(title=title, description=description, default=AGENDA_DEFAULTS[name], constraint=count_constraint)


class IAgenda(model.Schema):
    directives.widget(
        "desk",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Desk"], "maximumSelectionSize": 1},
    )
    desk = RelationChoice(
        title=_("Desk"),
        description=_("Where the appointments take place: its opening hours and exceptions are the frame."),
        vocabulary="plone.app.vocabularies.Catalog",
        constraint=desk_constraint,
    )

    model.fieldset(
        "appointments",
        label=_("Appointments"),
        fields=["appointment_types", "min_lead_hours", "max_lead_days", "person_limit", "daily_capacity", "reminder_hours"],
    )
    directives.widget("appointment_types", DataGridFieldWidgetFactory)
    appointment_types = fields.ReferenceRows(
        "service",
        title=_("Appointment types"),
        description=_("help_appointment_types", default="One row per kind of appointment; durations in minutes, a multiple of 5, from 5 to 240."),
        value_type=DictRow(title=_("Appointment type"), schema=IAppointmentType),
        constraint=appointment_types_constraint,
    )
    min_lead_hours = _count("min_lead_hours", _("Minimum lead (hours)"), _("No appointment starts sooner than this after booking."))
    max_lead_days = _count("max_lead_days", _("Maximum lead (days)"), _("No appointment is booked further ahead than this."))
    person_limit = _count("person_limit", _("Bookings per person"), _("Future appointments one e-mail address may hold at once; 0: no limit."))
    daily_capacity = _count("daily_capacity", _("Daily capacity"), _("Appointments a day at most; 0: no cap."))
    reminder_hours = _count("reminder_hours", _("Reminder (hours before)"), _("The reminder e-mail goes this long before the appointment."))

    model.fieldset("counters", label=_("Counters (postes)"), fields=["counters"])
    directives.widget("counters", DataGridFieldWidgetFactory)
    counters = fields.List(
        title=_("Counters"),
        description=_("The counters (postes) receiving appointments, each serving some types."),
        value_type=DictRow(title=_("Counter"), schema=ICounter),
        constraint=counters_constraint,
    )

    model.fieldset("closures", label=_("Closures"), fields=["closures"])
    directives.widget("closures", DataGridFieldWidgetFactory)
    closures = fields.List(
        title=_("Closures"),
        description=_("help_agenda_closures", default="No appointments on these dates; with times, only that part of each day is closed."),
        value_type=DictRow(title=_("Closure"), schema=IClosure),
        required=False,
        default=[],
        constraint=closures_constraint,
    )

    @invariant
    def counters_serve_types(data):
        types, counters = getattr(data, "appointment_types", None), getattr(data, "counters", None)
        if not types or not counters:  # refused by the table's own rule (or not given yet)
            return
        try:
            check_counter_types(types, counters)
        except AgendaError as error:
            raise invalid(error) from None


@implementer(IAgenda, IGuichetContent)
class Agenda(Item):
    """An agenda (agenda de rendez-vous) of a desk."""
