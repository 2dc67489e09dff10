"""POST @interactions {"service", "channel", "outcome"}: one call or visit, logged by an agent."""

from guichet_kb import _
from guichet_kb import facts
from guichet_kb.api.agent import AgentService
from guichet_kb.api.guard.errors import Refused
from guichet_kb.interactions import store
from guichet_kb.stats.store import count_view


class InteractionPost(AgentService):
    fields = frozenset({"service", "channel", "outcome"})

    def reply(self):
        data = self.body()
        channel = self.choice(data, "channel", facts.CALL_CHANNELS)
        outcome = self.choice(data, "outcome", facts.OUTCOMES)
        uid = None
        if data.get("service") is not None:
            brain = self.item(data["service"])
            uid = brain.UID
            if brain.portal_type == "ServiceSheet":
                # A call about a service is demand too: it feeds @top-services' popularity.
                count_view(uid)
        elif outcome != "not_answered":
            raise Refused(400, _("error_service_required", default="Give the 'service' UID of a sheet or an answer."))
        store.add(uid, channel, outcome)
        self.request.response.setStatus(201)
        return {"service": uid, "channel": channel, "outcome": outcome}
