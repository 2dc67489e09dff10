"""POST @feedback-triage {"id", "status"?, "redact"?}: a triager (TRIAGE_FEEDBACK)
sets an item's status (facts.TRIAGE_STATUSES), recorded with their user id and the
moment, and/or erases its comment ("redact": true; the item then reads as masked).
400 for a bad body, 404 for an id of no item (triage/actions.py); answers the item
as GET @feedback lists it."""

from guichet_kb.api.agent import AgentService
from guichet_kb.api.guard.errors import Refused
from guichet_kb.permissions import TRIAGE_FEEDBACK
from guichet_kb.triage import items
from guichet_kb.triage.actions import apply
from guichet_kb.triage.actions import TriageRefusal
from plone import api


class TriagePost(AgentService):
    permission = TRIAGE_FEEDBACK
    fields = frozenset({"id", "status", "redact"})

    def reply(self):
        data = self.body()
        try:
            apply(data.get("id"), data.get("status"), data.get("redact", False), api.user.get_current().getId())
        except TriageRefusal as refusal:
            raise Refused(refusal.status, refusal.message) from None
        found = [item for item in items.listing() if item["id"] == data["id"]]
        return found[0] if found else {"id": data["id"]}
