"""Catalog indexers of queues (issue 19): their desk and the sheets they serve, so
queues/lines.py finds the queues of a desk or of a sheet in one query."""

from guichet_kb.appointments.agendas import target_uid
from guichet_kb.content.queue import IQueue
from plone.indexer import indexer


@indexer(IQueue)
def queue_desk(obj):
    return target_uid(obj.desk)


@indexer(IQueue)
def queue_services(obj):
    return sorted({row["service"] for row in obj.services or () if row.get("service")})
