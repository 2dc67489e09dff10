"""POST @interactions {"service", "channel", "outcome"[, "query"][, "organisation"][, "desk"]}: one call or visit, logged by an agent.

`organisation` (optional, outcome "redirected" only) is the UID of the published
Organisation the caller was sent to (an orientation, issue 16); the record keeps
that UID, nothing about the caller.

`desk` (optional, issue 17) is the UID of the published Desk where the agent works
(« Mon guichet » in the console, `--desk` or GUICHET_DESK for the CLI); the record
keeps that UID, so calls can be counted by desk. No agent id is kept.

`query` (optional, at most MAX_QUERY characters) is what the agent searched when
they opened the item: with a service and the outcome answered or redirected,
the pair (normalised query, service) is counted as an agent's choice
(search/choices), unless the query carries personal data. The interaction
record itself never keeps the query.

With an `Idempotency-Key` header (interactions/idempotency.py) the same call sent
again by the same agent is answered with the record first stored (200, header
`Idempotent-Replayed: true`) and stores nothing; the same key with another body
is refused with a 422.
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb import facts
from guichet_kb.api.agent import AgentService
from guichet_kb.api.answer.get import MAX_QUERY
from guichet_kb.api.guard.errors import Refused
from guichet_kb.interactions import idempotency
from guichet_kb.interactions import store
from guichet_kb.search import choices
from guichet_kb.stats.store import count_view
from plone import api


class InteractionPost(AgentService):
    fields = frozenset({"service", "channel", "outcome", "query", "organisation", "desk"})

    def reply(self):
        data = self.body()
        where = self.slot()
        if where is not None:
            done = idempotency.find(where)
            stored = done and store.record(done[0], done[1])
            if stored:
                if done[2] != idempotency.fingerprint(data):
                    raise Refused(
                        422,
                        _("error_idempotency_reused", default="This Idempotency-Key was already used for another call: send a new key."),
                    )
                self.request.response.setStatus(200)
                self.request.response.setHeader(facts.IDEMPOTENCY_REPLAYED_HEADER, "true")
                return self.answer(done[0], done[1], stored)
        channel = self.choice(data, "channel", facts.CALL_CHANNELS)
        outcome = self.choice(data, "outcome", facts.OUTCOMES)
        query = self.query(data)
        organisation = self.orientation(data, outcome)
        desk = self.desk(data["desk"]).UID if data.get("desk") is not None else None
        uid = None
        if data.get("service") is not None:
            brain = self.item(data["service"])
            uid = brain.UID
            if brain.portal_type == "ServiceSheet":
                # A call about a service is demand too: it feeds @top-services' popularity.
                count_view(uid)
        elif outcome != "not_answered":
            raise Refused(400, _("error_service_required", default="Give the 'service' UID of a sheet or an answer."))
        shard, key = store.add(uid, channel, outcome, organisation, desk=desk)
        if query and uid and outcome in facts.CHOSEN_OUTCOMES:
            choices.record(query, uid)
        if where is not None:
            idempotency.remember(where, shard, key, idempotency.fingerprint(data))
        self.request.response.setStatus(201)
        return self.answer(shard, key, store.record(shard, key))

    def orientation(self, data, outcome):
        """The UID of the organisation the call was redirected to, or None; 400 when it is
        not a published organisation or comes with another outcome."""
        if data.get("organisation") is None:
            return None
        if outcome != "redirected":
            raise Refused(400, _("error_orientation_outcome", default="'organisation' goes with the outcome 'redirected' only."))
        return self.organisation(data["organisation"]).UID

    @staticmethod
    def query(data):
        query = data.get("query")
        if query is not None and (not isinstance(query, str) or len(query) > MAX_QUERY):
            raise Refused(
                400,
                _("error_interaction_query", default="'query' must be the words searched, at most ${max} characters.", mapping={"max": MAX_QUERY}),
            )
        return query

    def slot(self):
        """The slot of the request's Idempotency-Key (None without one); 400 if malformed."""
        key = self.request.getHeader(facts.IDEMPOTENCY_HEADER)
        if key is None:
            return None
        if not idempotency.valid(key):
            raise Refused(
                400,
                _("error_idempotency_key", default="Idempotency-Key must be 1 to 64 letters, digits, '-' or '_' (a UUID fits)."),
            )
        return idempotency.slot(api.user.get_current().getId(), key)

    def answer(self, shard, key, stored):
        moment, service, channel, outcome, organisation, desk = stored
        return {
            "id": f"{key}-{shard}",
            "date": clock.local(moment).isoformat(timespec="seconds"),
            "service": service or None,
            "channel": channel,
            "outcome": outcome,
            "organisation": organisation,
            "desk": desk,
        }
