"""Text the agent search indexes: title and synonyms weigh more (repeated)."""

from guichet_kb.content.answer import IAnswer
from guichet_kb.content.service_sheet import IServiceSheet
from guichet_kb.search.text import terms
from plone.indexer import indexer
import re


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
