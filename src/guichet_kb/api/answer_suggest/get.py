"""GET @answer-suggest?q=…: completions while an agent types."""

from guichet_kb.api.answer.get import _checked_query
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.search.engine import engine


class SuggestGet(GuichetService):
    def reply(self):
        query = _checked_query(self.request.form)
        return {"items": engine().suggest(query, 10)}
