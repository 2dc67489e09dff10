"""PATCH @search-settings: synonyms and best bets changed, applied at once; answers as GET."""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.search_settings.get import SearchSettingsGet
from guichet_kb.search import settings


class SearchSettingsPatch(SearchSettingsGet):
    def reply(self):
        data = self.body()
        for name, lines in data.items():
            if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
                raise Refused(400, _("error_lines_expected", default="'${name}' must be a list of lines (strings).", mapping={"name": name}))
            found = settings.problems(name, lines)
            if found:
                raise Refused(400, found[0])
        settings.save(data)
        return super().reply()
