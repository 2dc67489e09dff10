"""GET @import-profile: the import profile (importers/profile.py), for Site Administrators,
with the derived, read-only ``organisations_by_pivot`` ({pivot code: [organisation
UIDs]}: the published organisations' own pivot codes, importers/competence.py)."""

from guichet_kb.api.agent import AgentService
from guichet_kb.importers import profile
from guichet_kb.importers.competence import organisations_by_pivot
from guichet_kb.permissions import MANAGE_CATALOGUE


class ImportProfileGet(AgentService):
    permission = MANAGE_CATALOGUE
    fields = frozenset(profile.FIELDS)
    max_body = 256 * 1024

    def reply(self):
        by_pivot, _default = organisations_by_pivot()
        return {"@id": f"{self.context.absolute_url()}/@import-profile", **profile.current(self.context), "organisations_by_pivot": by_pivot}
