"""GET / PATCH @search-settings: synonyms and best bets, for editors; applied at once."""

from guichet_kb import _
from guichet_kb.api.interactions.base import AgentService
from guichet_kb.api.interactions.base import Refused
from guichet_kb.search import settings


class _SettingsService(AgentService):
    fields = frozenset(settings.FIELDS)
    max_body = 256 * 1024

    def allowed(self):
        # Editors hold their role on the catalogue folders, not on the site root.
        return settings.can_manage()

    def current(self):
        return {"@id": f"{self.context.absolute_url()}/@search-settings", **settings.current()}


class SearchSettingsGet(_SettingsService):
    def answer(self):
        return self.current()


class SearchSettingsPatch(_SettingsService):
    def answer(self):
        data = self.body()
        for name, lines in data.items():
            if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
                raise Refused(400, _("error_lines_expected", default="'${name}' must be a list of lines (strings).", mapping={"name": name}))
            found = settings.problems(name, lines)
            if found:
                raise Refused(400, found[0])
        settings.save(data)
        return self.current()
