"""ServiceSheet: one démarche, laid out as the page a citizen reads."""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidgetFactory
from collective.z3cform.datagridfield.row import DictRow
from decimal import Decimal
from guichet_kb import _
from guichet_kb.content import fields
from guichet_kb.content import limits
from guichet_kb.content.competence import competences_constraint
from guichet_kb.content.fields import HttpUrl
from guichet_kb.content.source import ISourceReference
from guichet_kb.content.variant import IVariantOverrides
from guichet_kb.interfaces import IGuichetContent
from guichet_kb.permissions import VIEW_INTERNAL
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer


class IDocumentRequirement(model.Schema):
    """One required document on one sheet, with this sheet's qualifiers."""

    document = fields.Term(title=_("Document"), vocabulary="guichet_kb.required_documents")
    requirement = fields.Term(title=_("Requirement"), vocabulary="guichet_kb.requirements", default="mandatory")
    form = fields.Term(title=_("Form"), vocabulary="guichet_kb.document_forms", default="original")
    case = fields.TextLine(title=_("Applies when"), required=False)
    note = fields.TextLine(title=_("Note"), required=False)


class ICompetence(model.Schema):
    """One competent organisation on one sheet, with the case it handles."""

    organisation = fields.Term(title=_("Organisation"), vocabulary="guichet_kb.organisations")
    case = fields.TextLine(title=_("Applies when"), description=_("E.g. child under 3. Empty: every case."), required=False)


class ILegalReference(model.Schema):
    title = fields.TextLine(title=_("Title"))
    url = HttpUrl(title=_("Link"))


def _relations(title):
    return RelationList(
        title=title,
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )


def _related_widget(name, portal_type):
    return directives.widget(
        name,
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": [portal_type], "recentlyUsed": True},
    )


class IServiceSheet(ISourceReference, IVariantOverrides):
    directives.widget(audiences=CheckBoxFieldWidget, channels=CheckBoxFieldWidget)
    audiences = fields.List(
        title=_("Audiences"),
        value_type=fields.Term(vocabulary="guichet_kb.audiences"),
        required=False,
        default=[],
    )
    life_events = fields.List(
        title=_("Life events"),
        value_type=fields.Term(vocabulary="guichet_kb.life_events"),
        required=False,
        default=[],
    )
    keywords = fields.List(
        title=_("Keywords"),
        description=_("Words people use to look for this service, one per line."),
        value_type=fields.TextLine(),
        required=False,
        default=[],
    )
    synonyms = fields.List(
        title=_("Synonyms and abbreviations"),
        description=_("E.g. CNI, carte d'identité. One per line."),
        value_type=fields.TextLine(),
        required=False,
        default=[],
    )

    model.fieldset("eligibility", label=_("Who is concerned"), fields=["eligibility"])
    eligibility = fields.RichText(title=_("Who is concerned and conditions"), required=False)

    model.fieldset("documents", label=_("Documents"), fields=["required_documents", "no_document_needed", "documents_note"])
    directives.widget("required_documents", DataGridFieldWidgetFactory)
    required_documents = fields.ReferenceRows(
        "document",
        title=_("Required documents"),
        value_type=DictRow(title=_("Document"), schema=IDocumentRequirement),
        required=False,
        default=[],
    )
    no_document_needed = schema.Bool(title=_("No document needed"), required=False, default=False)
    documents_note = fields.RichText(
        title=_("Documents: details and cases"),
        description=_("Cases and documents that are not in the list above (e.g. imported from Service-Public)."),
        required=False,
    )

    model.fieldset(
        "procedure",
        label=_("How to proceed"),
        fields=["steps", "channels", "online_service_url", "appointment_required", "appointment_url"],
    )
    steps = fields.RichText(title=_("Steps"), required=False)
    channels = fields.List(
        title=_("Channels"),
        value_type=fields.Term(vocabulary="guichet_kb.channels"),
        required=False,
        default=[],
    )
    online_service_url = HttpUrl(title=_("Online service address"), required=False)
    appointment_required = schema.Bool(title=_("Appointment needed"), required=False, default=False)
    appointment_url = HttpUrl(title=_("Appointment booking address"), required=False)

    model.fieldset("where", label=_("Where to go"), fields=["desks"])
    _related_widget("desks", "Desk")
    desks = _relations(_("Desks"))

    model.fieldset(
        "practical",
        label=_("Cost and time"),
        fields=["free_of_charge", "cost_amount", "cost_note", "processing_time", "validity"],
    )
    free_of_charge = schema.Bool(title=_("Free of charge"), required=False, default=False)
    cost_amount = schema.Decimal(title=_("Cost (euros)"), required=False, min=Decimal(0), max=limits.MAX_COST)
    cost_note = fields.TextLine(title=_("Cost note"), required=False)
    processing_time = fields.TextLine(title=_("Processing time"), required=False)
    validity = fields.TextLine(title=_("Validity of the result"), required=False)

    model.fieldset("responsibility", label=_("Responsibility"), fields=["competences", "department", "legal_references"])
    directives.widget("competences", DataGridFieldWidgetFactory)
    competences = fields.ReferenceRows(
        "organisation",
        title=_("Competent organisations"),
        description=_("Who handles this service; a case per row when several bodies share it."),
        value_type=DictRow(title=_("Organisation"), schema=ICompetence),
        required=False,
        default=[],
        constraint=competences_constraint,
    )
    directives.widget(
        "department",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Department"], "maximumSelectionSize": 1},
    )
    department = RelationChoice(title=_("Responsible department"), vocabulary="plone.app.vocabularies.Catalog", required=False)
    directives.widget("legal_references", DataGridFieldWidgetFactory)
    legal_references = fields.List(
        title=_("Legal references"),
        value_type=DictRow(title=_("Reference"), schema=ILegalReference),
        required=False,
        default=[],
    )

    model.fieldset("related", label=_("See also"), fields=["related_sheets", "related_answers"])
    _related_widget("related_sheets", "ServiceSheet")
    related_sheets = _relations(_("Related services"))
    _related_widget("related_answers", "Answer")
    related_answers = _relations(_("Related answers"))

    model.fieldset(
        "management",
        label=_("Management"),
        fields=["top_rank"],
    )
    top_rank = schema.Int(
        title=_("Top service rank"),
        description=_("1 = first tile on the home page. Empty: not a top service."),
        required=False,
        min=1,
        max=99,
    )

    model.fieldset(
        "internal",
        label=_("Staff only"),
        fields=["call_script_questions", "call_script_answer", "internal_notes", "backoffice_contact"],
    )
    directives.read_permission(
        call_script_questions=VIEW_INTERNAL,
        call_script_answer=VIEW_INTERNAL,
        internal_notes=VIEW_INTERNAL,
        backoffice_contact=VIEW_INTERNAL,
    )
    call_script_questions = fields.Text(title=_("Call script: questions to ask"), required=False)
    call_script_answer = fields.Text(title=_("Call script: standard answer"), required=False)
    internal_notes = fields.Text(title=_("Internal notes"), required=False)
    backoffice_contact = fields.TextLine(title=_("Back-office contact"), required=False)


@implementer(IServiceSheet, IGuichetContent)
class ServiceSheet(Item):
    """A service sheet (fiche démarche)."""
