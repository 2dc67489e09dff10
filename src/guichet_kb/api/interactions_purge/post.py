"""POST @interactions-purge: interactions and reports older than the retention removed (Site Administrators)."""

from guichet_kb.api.agent import AgentService
from guichet_kb.interactions import store
from guichet_kb.permissions import MANAGE_CATALOGUE


class PurgePost(AgentService):
    permission = MANAGE_CATALOGUE

    def reply(self):
        self.body()
        removed = store.purge()
        return {"removed": removed, "retention_months": store.retention_months(), "kept": store.count()}
