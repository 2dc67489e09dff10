"""Catalog indexers of agendas (issue 18): their desk and the sheets their types serve,
so appointments/agendas.py finds the agendas of a desk or of a sheet in one query."""

from guichet_kb.content.agenda import IAgenda
from plone.indexer import indexer


@indexer(IAgenda)
def agenda_desk(obj):
    relation = obj.desk
    if relation is None or relation.isBroken() or relation.to_object is None:
        return None
    return relation.to_object.UID()


@indexer(IAgenda)
def agenda_services(obj):
    return sorted({row["service"] for row in obj.appointment_types or () if row.get("service")})
