"""Text the agent search indexes: title and synonyms weigh more (repeated)."""

from guichet_kb.content.answer import IAnswer
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.content.service_sheet import IServiceSheet
from guichet_kb.search.text import terms
from guichet_kb.search.variant_axes import VALUE_TITLES
from guichet_kb.search.variants import family
from plone import api
from plone.indexer import indexer
import re
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate


_TAGS = re.compile(r"<[^>]+>")


def _plain(value):
    return _TAGS.sub(" ", value.raw) if value is not None and getattr(value, "raw", None) else ""


def _text(*parts):
    return " ".join(p for p in parts if p)


@indexer(IServiceSheet)
def sheet_text(obj):
    names = " ".join((obj.keywords or []) + (obj.synonyms or []))
    return _text(
        *(3 * [obj.title]), names, names, obj.description, obj.external_id, _plain(obj.eligibility), _plain(obj.steps), _plain(obj.documents_note)
    )


@indexer(IServiceSheet)
def sheet_title(obj):
    return _text(obj.title, " ".join((obj.keywords or []) + (obj.synonyms or [])))


@indexer(IAnswer)
def answer_title(obj):
    return obj.title


@indexer(IAnswer)
def answer_text(obj):
    return _text(*(3 * [obj.title]), obj.description, obj.short_answer, _plain(obj.full_answer), obj.external_id)


def _terms(obj):
    # Metadata: the ranking compares query terms with these without analysing
    # titles and summaries again at each query.
    return (tuple(terms(obj.title)), tuple(terms(obj.description)))


sheet_terms = indexer(IServiceSheet)(_terms)
answer_terms = indexer(IAnswer)(_terms)


def _family(obj):
    # Metadata: the variant family (search/variants.py), labels in the site's
    # language (the catalog holds one text whoever indexes the item).
    record = IAnnotations(obj).get(IMPORT_KEY) or {}
    dossier = (record.get("dossier") or {}).get("id")
    language = api.portal.get_default_language() or "fr"

    def title_of(value):
        return translate(VALUE_TITLES[value], target_language=language)

    return family(obj.title, dossier, getattr(obj, "family_name", None), getattr(obj, "variant_label", None), title_of)


sheet_family = indexer(IServiceSheet)(_family)
answer_family = indexer(IAnswer)(_family)
