"""Catalog indexers: what listings and lookups need without waking objects."""

from guichet_kb.content import competence
from guichet_kb.content.desk import IDesk
from guichet_kb.content.service_sheet import IServiceSheet
from plone.indexer import indexer


def _uids(relations):
    return [rel.to_object.UID() for rel in relations or () if not rel.isBroken() and rel.to_object is not None]


def _uid(rel):
    if rel is None or rel.isBroken() or rel.to_object is None:
        return None
    return rel.to_object.UID()


@indexer(IServiceSheet)
def has_online_service(obj):
    return bool(obj.online_service_url)


@indexer(IServiceSheet)
def required_document_uids(obj):
    return [row["document"] for row in obj.required_documents or () if row.get("document")]


@indexer(IServiceSheet)
def desk_uids(obj):
    return _uids(obj.desks)


@indexer(IServiceSheet)
def department_uid(obj):
    return _uid(obj.department)


@indexer(IServiceSheet)
def searchable_synonyms(obj):
    """Keywords and synonyms, lower-cased, for exact-term lookups."""
    return sorted({word.strip().lower() for word in (obj.keywords or []) + (obj.synonyms or []) if word.strip()})


@indexer(IServiceSheet)
def competent_uids(obj):
    return competence.competent_uids(obj)


@indexer(IDesk)
def organisation_uid(obj):
    return _uid(obj.organisation)
