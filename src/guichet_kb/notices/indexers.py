"""The notices in the catalog, on the types that carry them (facts.NOTICE_TYPES).

- `guichet_notices` (metadata): the item's notices as plain dicts, what listings
  (`@answer`, `@top-services`, `@desks`...) read without waking items. It names
  who wrote each notice ("by"), so it is internal metadata (visibility.INTERNAL_METADATA):
  never in a stock listing's columns.
- `notice_moments` (KeywordIndex): the seconds since the epoch when a notice starts
  or ends, for the caching window (caching/window.py) to find the next one.
"""

from guichet_kb.facts import NOTICE_TYPES
from guichet_kb.notices import moments
from guichet_kb.notices.store import notices
from plone.dexterity.interfaces import IDexterityContent
from plone.indexer import indexer


def _carried(obj):
    if getattr(obj, "portal_type", None) not in NOTICE_TYPES:
        raise AttributeError("notices")  # no value: the column holds Missing, the index nothing
    return notices(obj)


@indexer(IDexterityContent)
def notices_column(obj):
    return _carried(obj)


@indexer(IDexterityContent)
def notice_moments(obj):
    return moments(_carried(obj))
