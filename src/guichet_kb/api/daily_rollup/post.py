"""POST @daily-rollup: the closed days counted into the dashboard's aggregates, then the
other daily jobs (stats/rollup.py) — Site Administrators, from cron (`guichet-kb rollup`).

Body: none, or {"max_days": 1..MAX_DAYS}. Answer: {"rolled_up": days done this call,
"rolled_through": the last day done (YYYY-MM-DD) or null, "remaining": days still to
do (call again), ...the other jobs' figures}. A second call the same day does nothing.
"""

from guichet_kb import _
from guichet_kb.api.agent import AgentService
from guichet_kb.api.guard.errors import Refused
from guichet_kb.permissions import MANAGE_CATALOGUE
from guichet_kb.stats import rollup


class RollupPost(AgentService):
    permission = MANAGE_CATALOGUE
    fields = frozenset({"max_days"})

    def reply(self):
        data = self.body()
        max_days = data.get("max_days", rollup.MAX_DAYS)
        if isinstance(max_days, bool) or not isinstance(max_days, int) or not 1 <= max_days <= rollup.MAX_DAYS:
            raise Refused(
                400,
                _("error_rollup_max_days", default="max_days must be a whole number from 1 to ${max}.", mapping={"max": rollup.MAX_DAYS}),
            )
        return rollup.rollup(max_days=max_days)
