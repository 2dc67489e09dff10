"""Stock catalog query paths that answered 500 on badly typed queries.

- `@search` (and every plone.restapi path that turns a query string into a
  catalog query): a value the index cannot take (`top_rank.query=abc`,
  `is_folderish.query=a`, `b_size=abc`, a range on an index that has none) is
  refused with a 400 naming the parameter; range queries on a FieldIndex holding
  numbers get numbers (the catalog compared `int` with `str`: TypeError).
- `@@getVocabulary?name=plone.app.vocabularies.Catalog` needs a query object
  (`{"criteria": [...]}`); without one the vocabulary crashed.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import error_body
from guichet_kb.api.guard.errors import Refused
from guichet_kb.interfaces import IGuichetKBLayer
import json
from plone.app.content.browser.vocabulary import _parseJSON
from plone.app.content.browser.vocabulary import VocabularyView
from plone.restapi.exceptions import QueryParsingError
from plone.restapi.interfaces import IZCatalogCompatibleQuery
from plone.restapi.search.query import ZCatalogCompatibleQueryAdapter
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.interface.interfaces import ComponentLookupError


CATALOG_VOCABULARY = "plone.app.vocabularies.Catalog"


def _refused(name):
    return Refused(
        400,
        _("error_search_parameter", default="The search parameter '${name}' has a value the catalog cannot use.", mapping={"name": str(name)[:50]}),
    )


def _key_type(index):
    """int or float when a FieldIndex holds numbers, else None."""
    try:
        key = index._index.minKey()
    except (AttributeError, ValueError):
        return None
    return type(key) if isinstance(key, (int, float)) and not isinstance(key, bool) else None


@implementer(IZCatalogCompatibleQuery)
@adapter(Interface, IGuichetKBLayer)
class CheckedCatalogQuery(ZCatalogCompatibleQueryAdapter):
    """plone.restapi's query parsing, index by index, with refusals instead of 500s."""

    def __call__(self, query):
        parsed = {}
        for name, value in query.items():
            try:
                parsed.update(super().__call__({name: value}))
            except (QueryParsingError, ValueError, TypeError, ComponentLookupError):
                raise _refused(name) from None
            index = self.get_index(name)
            if isinstance(index, FieldIndex) and isinstance(parsed[name], dict):
                parsed[name] = self.numbers(name, index, parsed[name])
        return parsed

    def numbers(self, name, index, idx_query):
        key_type = _key_type(index)
        if key_type is None or "query" not in idx_query:
            return idx_query
        values = idx_query["query"]
        try:
            converted = [key_type(v) for v in values] if isinstance(values, (list, tuple)) else key_type(values)
        except (TypeError, ValueError):
            raise _refused(name) from None
        return {**idx_query, "query": converted}


class CheckedVocabularyView(VocabularyView):
    """@@getVocabulary: the Catalog vocabulary is asked with a query object."""

    def __call__(self):
        if self.request.get("name") == CATALOG_VOCABULARY:
            try:
                query = _parseJSON(self.request.get("query", ""))
            except ValueError:
                query = None
            criteria = query.get("criteria") if isinstance(query, dict) else None
            if not isinstance(criteria, list) or not all(isinstance(c, dict) for c in criteria):
                self.request.response.setStatus(400)
                self.request.response.setHeader("Content-Type", "application/json")
                message = _("error_vocabulary_query", default='This vocabulary needs a query: query={"criteria": [...]}.')
                return json.dumps(error_body(400, message, self.request), ensure_ascii=False)
        return super().__call__()
