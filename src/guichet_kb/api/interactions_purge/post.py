"""POST @interactions-purge: interactions, reports and citizens' feedback older than the
retention removed, their triage state with them (Site Administrators).

Idempotency keys older than 24 h are forgotten at the same time, and agents'
choices (search/choices) older than the retention or of deleted items, and the
days of the search logs (search/logs) older than the retention. A
second run removes nothing more: running it from several hosts' cron does no harm.
"""

from guichet_kb.api.agent import AgentService
from guichet_kb.interactions import idempotency
from guichet_kb.interactions import store
from guichet_kb.permissions import MANAGE_CATALOGUE
from guichet_kb.search import choices
from guichet_kb.search import logs
from guichet_kb.stats import store as feedback


class PurgePost(AgentService):
    permission = MANAGE_CATALOGUE

    def reply(self):
        self.body()
        removed = store.purge()
        removed["feedback"] = feedback.purge_feedback(store.cutoff())
        idempotency.purge()
        removed["choices"] = choices.purge()
        removed["search_log_days"] = logs.purge()
        return {"removed": removed, "retention_months": store.retention_months(), "kept": store.count()}
