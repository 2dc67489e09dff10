"""Catalog indexer: `national_withdrawn` (withdrawals.py), for the review queue."""

from guichet_kb.interfaces import IGuichetContent
from guichet_kb.national.withdrawals import withdrawal
from plone.indexer import indexer


@indexer(IGuichetContent)
def national_withdrawn(obj):
    return withdrawal(obj) is not None
