"""GET @life-events: each life event, in editor order, with its published sheets;
each sheet names its competent bodies (`competent`, `organisation_json`: other
bodies before the town; those the caller may see)."""

from guichet_kb.api.guard.service import GuichetService
from guichet_kb.content.vocabularies import LIFE_EVENTS_RECORD
from guichet_kb.content.vocabularies import parse_life_events
from guichet_kb.serializers.card import card
from guichet_kb.serializers.card import competent_uids
from guichet_kb.serializers.organisation import competent_json
from guichet_kb.serializers.sheet import brain_link_json
from guichet_kb.visibility import visible_brains
from plone import api


class LifeEventsGet(GuichetService):
    def reply(self):
        events = parse_life_events(api.portal.get_registry_record(LIFE_EVENTS_RECORD, default=[]))
        found = {token: [] for token, _title in events}
        # One catalog query; sheets are grouped by their metadata. One more for the
        # competent bodies of them all (their cards name them).
        for brain in self.context.portal_catalog(portal_type="ServiceSheet", review_state="published", sort_on="sortable_title"):
            tokens = [token for token in brain.life_events or () if token in found]
            if tokens:
                cards = card(brain)
                for token in tokens:
                    found[token].append((brain, cards))
        organisations = visible_brains({uid for sheets in found.values() for _brain, data in sheets for uid in competent_uids(data)})

        def sheet_json(brain, data):
            return {**brain_link_json(brain), "competent": competent_json(data.get("competences", ()), organisations, self.request)}

        items = [
            {"token": token, "title": title, "items": [sheet_json(*pair) for pair in found[token]], "items_total": len(found[token])}
            for token, title in events
        ]
        return {"@id": f"{self.context.absolute_url()}/@life-events", "items": items}
