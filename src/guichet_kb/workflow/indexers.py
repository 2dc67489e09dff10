"""Catalog indexers for the review queue."""

from guichet_kb.interfaces import IGuichetContent
from guichet_kb.workflow import review
from plone.indexer import indexer


@indexer(IGuichetContent)
def review_flagged(obj):
    return bool(review.flags(obj))
