"""Catalog entries of the import record (content/imported.py), so the sync reads
them from brains without waking thousands of items: ``import_batch`` (an index:
the items one import run created or updated, for its digest) and ``import_hash``
(metadata: what ``GET @import-service-public`` gives the CLI to skip unchanged fiches)."""

from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.interfaces import IGuichetContent
from plone.indexer import indexer
from zope.annotation.interfaces import IAnnotations


def _record(obj):
    record = IAnnotations(obj).get(IMPORT_KEY)
    if record is None:
        raise AttributeError(IMPORT_KEY)  # not imported: not indexed
    return record


@indexer(IGuichetContent)
def import_batch(obj):
    batch = _record(obj).get("batch")
    if not batch:
        raise AttributeError("batch")
    return batch


@indexer(IGuichetContent)
def import_hash(obj):
    return _record(obj).get("hash")
