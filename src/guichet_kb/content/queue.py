"""Queue: a desk's walk-in queue (file d'attente) for some services (issue 19).

A queue sits in the desks' folder beside its desk and agendas, under the same
workflow: only a published queue at a published desk, both visible to the caller,
takes tickets (queues/lines.py). The desk's opening hours and exceptions are the
frame; the queue adds its services (the sheet each serves, the letter its tickets
start with, the default service time until the day's own times are known), its
counters (postes: a counter whose code is a counter of an agenda at the same desk
is that counter, serving both lists) and, optionally, a campaign (dates, a daily
capacity), the grace before a called ticket may be marked missed and the notice
delay. The tables' rules are declared once in queues/validation.py (the same field
errors in the edit form and a REST 400); the ones that need the catalog are here: a
service is a service sheet (SheetTerm) and the desk is a desk. Nothing personal is
stored on a queue: tickets live in the site's queue store (queues/store.py).
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidgetFactory
from collective.z3cform.datagridfield.row import DictRow
from guichet_kb import _
from guichet_kb.content import fields
from guichet_kb.content.agenda import ICounterRow
from guichet_kb.content.agenda import invalid
from guichet_kb.content.agenda import place_constraint
from guichet_kb.content.agenda import SheetTerm
from guichet_kb.content.validation import count_constraint
from guichet_kb.content.validation import queue_counters_constraint
from guichet_kb.content.validation import queue_services_constraint
from guichet_kb.facts import QUEUE_DEFAULTS
from guichet_kb.interfaces import IGuichetContent
from guichet_kb.queues.validation import check_campaign
from guichet_kb.queues.validation import check_counter_prefixes
from guichet_kb.queues.validation import QueueError
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import implementer
from zope.interface import invariant


class IQueueService(model.Schema):
    service = SheetTerm(title=_("Service"), vocabulary="guichet_kb.service_sheets")
    prefix = fields.TextLine(title=_("Prefix"), description=_("help_queue_prefix", default="One capital letter: the tickets read C012."))
    minutes = schema.Int(title=_("Service time (minutes)"), description=_("Used until the day's own service times are known."), default=15)


class IQueueCounter(ICounterRow):
    prefixes = fields.TextLine(title=_("Prefixes served"), description=_("Letters separated by commas; empty: every service."), required=False)


def _count(name, title, description):
    return schema.Int(title=title, description=description, default=QUEUE_DEFAULTS[name], constraint=count_constraint)


class IQueue(model.Schema):
    directives.widget(
        "desk",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Desk"], "maximumSelectionSize": 1},
    )
    desk = RelationChoice(
        title=_("Desk"),
        description=_("help_queue_desk", default="Where the queue is: its opening hours and exceptions are the frame."),
        vocabulary="plone.app.vocabularies.Catalog",
        constraint=place_constraint(_("error_queue_not_a_desk", default="The queue's place must be a desk.")),
    )

    model.fieldset("services", label=_("fieldset_queue_services", default="Services"), fields=["services"])
    directives.widget("services", DataGridFieldWidgetFactory)
    services = fields.ReferenceRows(
        "service",
        title=_("Services"),
        description=_(
            "help_queue_services", default="One row per service: its sheet, the letter of its tickets and its usual service time in minutes."
        ),
        value_type=DictRow(title=_("Service"), schema=IQueueService),
        constraint=queue_services_constraint,
    )

    model.fieldset("counters", label=_("Counters (postes)"), fields=["counters"])
    directives.widget("counters", DataGridFieldWidgetFactory)
    counters = fields.List(
        title=_("Counters"),
        description=_(
            "help_queue_counters",
            default="The counters (postes) calling tickets; a counter with the code of one of an agenda at this desk is that counter.",
        ),
        value_type=DictRow(title=_("Counter"), schema=IQueueCounter),
        constraint=queue_counters_constraint,
    )

    model.fieldset("campaign", label=_("Campaign"), fields=["opens_on", "closes_on", "daily_capacity", "grace_minutes", "notify_minutes"])
    opens_on = schema.Date(
        title=_("Opens on"), description=_("help_queue_opens_on", default="Empty: open now (a campaign starts this day)."), required=False
    )
    closes_on = schema.Date(title=_("Closes on (included)"), description=_("help_queue_closes_on", default="Empty: no end."), required=False)
    daily_capacity = _count("daily_capacity", _("Daily capacity"), _("help_queue_capacity", default="Tickets a day at most; 0: no cap."))
    grace_minutes = _count(
        "grace_minutes", _("Grace (minutes)"), _("help_queue_grace", default="A called ticket can be marked missed only after this long.")
    )
    notify_minutes = _count(
        "notify_minutes",
        _("Notice (minutes before)"),
        _("help_queue_notify", default="The 'your turn is near' notice goes this long before the estimated call; 0: the site's setting."),
    )

    @invariant
    def counters_serve_prefixes(data):
        services, counters = getattr(data, "services", None), getattr(data, "counters", None)
        if not services or not counters:  # refused by the table's own rule (or not given yet)
            return
        try:
            check_counter_prefixes(services, counters)
        except QueueError as error:
            raise invalid(error) from None

    @invariant
    def campaign_dates(data):
        try:
            check_campaign(getattr(data, "opens_on", None), getattr(data, "closes_on", None))
        except QueueError as error:
            raise invalid(error) from None


@implementer(IQueue, IGuichetContent)
class Queue(Item):
    """A walk-in queue (file d'attente) of a desk."""
