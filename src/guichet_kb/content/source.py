"""Where an item comes from when it was imported (e.g. Service-Public fiche F1341)."""

from guichet_kb import _
from guichet_kb.content import fields
from guichet_kb.content.fields import HttpUrl
from guichet_kb.content.validation import external_id_constraint
from plone.supermodel import model
from zope import schema


class ISourceReference(model.Schema):
    model.fieldset("management", label=_("Management"), fields=["external_id", "source_url", "source_modified"])
    external_id = fields.TextLine(
        title=_("External reference"),
        description=_("Service-Public identifier, e.g. F1341."),
        required=False,
        constraint=external_id_constraint,
    )
    source_url = HttpUrl(title=_("Source address"), required=False)
    source_modified = schema.Date(title=_("Source last modified"), required=False)
