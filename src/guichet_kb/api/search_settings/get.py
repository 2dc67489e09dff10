"""GET @search-settings: synonyms and best bets, and the best bets agents' choices suggest, for editors."""

from guichet_kb.api.agent import AgentService
from guichet_kb.search import settings
from guichet_kb.search.choices.suggestions import suggested


class SearchSettingsGet(AgentService):
    fields = frozenset(settings.FIELDS)
    max_body = 256 * 1024

    def allowed(self):
        # Editors hold their role on the catalogue folders, not on the site root.
        return settings.can_manage()

    def reply(self):
        return {"@id": f"{self.context.absolute_url()}/@search-settings", **settings.current(), "suggested_best_bets": suggested()}
