"""Marker and settings interfaces."""

from guichet_kb import _
from guichet_kb.content.validation import life_event_line_constraint
from guichet_kb.content.validation import public_url_constraint
from guichet_kb.facts import APPOINTMENT_RETENTION_DAYS
from guichet_kb.facts import QUEUE_NOTIFY_MINUTES
from zope import schema
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import invariant
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IGuichetKBLayer(IDefaultBrowserLayer):
    """Browser layer registered when the add-on is installed."""


class IGuichetContent(Interface):
    """Marker for every catalogue item type (sheets, documents, desks...)."""


class ISearchSettings(Interface):
    """Synonyms and best bets: edited by the catalogue's editors (@@search-settings)."""

    synonyms = schema.List(
        title=_("Search synonyms"),
        description=_(
            "One group per line, comma separated: words and abbreviations that mean the same, e.g. 'CNI, carte d'identité'. Write abbreviations in capitals: they then stand for their group only when those very letters are typed (AME, never âme)."  # noqa: E501
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    best_bets = schema.List(
        title=_("Best bets"),
        description=_("One per line: 'query => sheet id' pins a sheet first for that query, e.g. 'perdu papiers => carte-identite'."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )

    @invariant
    def usable_lines(data):
        from guichet_kb.search.settings import problems

        for name in ("synonyms", "best_bets"):
            found = problems(name, getattr(data, name, None) or [])
            if found:
                raise Invalid(found[0])


class IGuichetSettings(ISearchSettings):
    """Site settings, stored in plone.registry under the guichet_kb prefix."""

    # plone.registry needs plain zope.schema fields (it maps them to persistent ones).
    life_events = schema.List(
        title=_("Life events"),
        description=_("One per line as 'token|Title', in the order the public site shows them. Do not change a token in use."),
        value_type=schema.TextLine(constraint=life_event_line_constraint),
        required=False,
        default=[],
    )
    default_review_interval = schema.Int(
        title=_("Default review interval (months)"),
        min=3,
        max=36,
        default=12,
    )
    # Read by interactions/store.py (RETENTION_RECORD), which falls back to this default.
    interaction_retention_months = schema.Int(
        title=_("Interaction log retention (months)"),
        description=_("help_interaction_retention", default="Calls logged and agent reports older than this are deleted by the purge (CNIL)."),
        min=1,
        max=120,
        default=13,
    )
    # Issue 18: a booking's name and contact are erased this long after the appointment ends (appointments/store.py).
    appointment_retention_days = schema.Int(
        title=_("Appointment data retention (days)"),
        description=_(
            "help_appointment_retention",
            default="The name, e-mail and phone of a booking are erased this many days after the appointment ends (CNIL).",
        ),
        min=0,
        max=90,
        default=APPOINTMENT_RETENTION_DAYS,
    )
    # Read by appointments/links.py (PUBLIC_URL_RECORD): the move/cancel links of booking e-mails.
    public_site_url = schema.TextLine(
        title=_("label_public_site_url", default="Public site address"),
        description=_(
            "help_public_site_url",
            default="The address the public site is served at (https://...), for the links of booking e-mails. "
            "Empty: the e-mails give the booking code only.",
        ),
        required=False,
        default="",
        constraint=public_url_constraint,
    )
    # Issue 19: the "your turn is near" notice of a queue ticket (a queue's own `notify_minutes` wins when not 0).
    queue_notify_minutes = schema.Int(
        title=_("Queue notice (minutes before the call)"),
        description=_(
            "help_queue_notify_minutes",
            default="A queue ticket's holder is told by e-mail this long before the estimated call, unless the queue sets its own delay.",
        ),
        min=1,
        max=120,
        default=QUEUE_NOTIFY_MINUTES,
    )
