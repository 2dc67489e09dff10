"""POST @interactions-purge: interactions and reports older than the retention removed (Site Administrators)."""

from guichet_kb.api.agent import AgentService
from guichet_kb.interactions import store


class PurgePost(AgentService):
    permission = "cmf.ManagePortal"

    def reply(self):
        self.body()
        removed = store.purge()
        return {"removed": removed, "retention_months": store.retention_months(), "kept": store.count()}
