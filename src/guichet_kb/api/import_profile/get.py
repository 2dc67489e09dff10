"""GET @import-profile: the import profile (importers/profile.py), for Site Administrators."""

from guichet_kb.api.agent import AgentService
from guichet_kb.importers import profile
from guichet_kb.permissions import MANAGE_CATALOGUE


class ImportProfileGet(AgentService):
    permission = MANAGE_CATALOGUE
    fields = frozenset(profile.FIELDS)
    max_body = 256 * 1024

    def reply(self):
        return {"@id": f"{self.context.absolute_url()}/@import-profile", **profile.current(self.context)}
