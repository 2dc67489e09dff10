"""`fact_check_answered`: the sheets with an answered fact check (the review queue's query)."""

from guichet_kb.content.service_sheet import IServiceSheet
from guichet_kb.factcheck import store
from plone.indexer import indexer


@indexer(IServiceSheet)
def fact_check_answered(obj):
    return bool(store.answered(obj))
