"""Vocabularies: fixed lists (audiences, channels...) and editable ones (life events)."""

from guichet_kb import _
from guichet_kb import facts
from guichet_kb.facts import WEEKDAYS
from guichet_kb.importers.pivots import PIVOT_LOCAL
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


LIFE_EVENTS_RECORD = "guichet_kb.life_events"

# Titles of the tokens declared in guichet_kb.facts (a token without a title is an error at import).
AUDIENCE_TITLES = {
    "particuliers": _("Individuals"),
    "professionnels": _("Businesses"),
    "associations": _("Associations"),
}
CHANNEL_TITLES = {
    "on_site": _("On site"),
    "phone": _("By phone"),
    "mail": _("By post"),
    "online": _("Online"),
}
REQUIREMENT_TITLES = {
    "mandatory": _("Mandatory"),
    "optional": _("Optional"),
}
DOCUMENT_FORM_TITLES = {
    "original": _("Original"),
    "copy": _("Copy"),
    "original_or_copy": _("Original or copy"),
}
ORGANISATION_KIND_TITLES = {
    "commune": _("Commune"),
    "intercommunalite": _("Intercommunality / agglomeration"),
    "ccas": _("Social action centre (CCAS)"),
    "departement": _("Département"),
    "region": _("Region"),
    "prefecture": _("State: prefecture"),
    "sous_prefecture": _("State: sub-prefecture"),
    "ants": _("State: ANTS"),
    "caf": _("Social body: CAF"),
    "cpam": _("Social body: CPAM"),
    "france_travail": _("Social body: France Travail"),
    "autre": _("Other body"),
}
WEEKDAY_TITLES = {day: _(day, default=day.capitalize()) for day in WEEKDAYS}


def _fixed(tokens, titles):
    """A vocabulary of the facts' tokens, in their order, with their titles."""
    vocabulary = SimpleVocabulary([SimpleTerm(token, token, titles[token]) for token in tokens])

    @provider(IVocabularyFactory)
    def factory(context=None):
        return vocabulary

    return factory


audiences = _fixed(facts.AUDIENCES, AUDIENCE_TITLES)
channels = _fixed(facts.SHEET_CHANNELS, CHANNEL_TITLES)
requirements = _fixed(facts.REQUIREMENTS, REQUIREMENT_TITLES)
document_forms = _fixed(facts.DOCUMENT_FORMS, DOCUMENT_FORM_TITLES)
weekdays = _fixed(facts.WEEKDAYS, WEEKDAY_TITLES)
organisation_kinds = _fixed(facts.ORGANISATION_KINDS, ORGANISATION_KIND_TITLES)


@provider(IVocabularyFactory)
def pivot_codes(context=None):
    return SimpleVocabulary([SimpleTerm(code, code, title) for code, title in sorted(PIVOT_LOCAL.items())])


def parse_life_events(lines):
    """Registry lines 'token|Title' -> [(token, title)], in editor order."""
    pairs = []
    for line in lines or ():
        token, _sep, title = line.partition("|")
        token = token.strip()
        if token:
            pairs.append((token, title.strip() or token))
    return pairs


@provider(IVocabularyFactory)
def life_events(context=None):
    lines = api.portal.get_registry_record(LIFE_EVENTS_RECORD, default=[])
    return SimpleVocabulary([SimpleTerm(token, token, title) for token, title in parse_life_events(lines)])


def _catalog_vocabulary(portal_type):
    @provider(IVocabularyFactory)
    def factory(context=None):
        brains = api.content.find(portal_type=portal_type, sort_on="sortable_title")
        return SimpleVocabulary([SimpleTerm(b.UID, b.UID, b.Title) for b in brains])

    return factory


required_documents = _catalog_vocabulary("RequiredDocument")
organisations = _catalog_vocabulary("Organisation")
service_sheets = _catalog_vocabulary("ServiceSheet")  # an agenda's appointment types (issue 18)
