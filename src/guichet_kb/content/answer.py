"""Answer: a question-answer pair agents use on the phone."""

from guichet_kb import _
from guichet_kb.content import fields
from guichet_kb.content.source import ISourceReference
from guichet_kb.content.variant import IVariantOverrides
from guichet_kb.interfaces import IGuichetContent
from guichet_kb.permissions import VIEW_INTERNAL
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope.interface import implementer


class IAnswer(ISourceReference, IVariantOverrides):
    """The question is the title."""

    short_answer = fields.Text(title=_("Short answer"), description=_("What the agent says, in one or two sentences."))
    full_answer = fields.RichText(title=_("Full answer"), required=False)
    directives.widget(
        "related_sheets",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["ServiceSheet"]},
    )
    related_sheets = RelationList(
        title=_("Related services"),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )

    model.fieldset("internal", label=_("Staff only"), fields=["internal_notes"])
    directives.read_permission(internal_notes=VIEW_INTERNAL)
    internal_notes = fields.Text(title=_("Internal notes"), required=False)


@implementer(IAnswer, IGuichetContent)
class Answer(Item):
    """An answer (question-réponse)."""
