"""GET @life-events: each life event, in editor order, with its published sheets."""

from guichet_kb.api.guard.service import GuichetService
from guichet_kb.content.vocabularies import LIFE_EVENTS_RECORD
from guichet_kb.content.vocabularies import parse_life_events
from guichet_kb.serializers.sheet import brain_link_json
from plone import api


class LifeEventsGet(GuichetService):
    def reply(self):
        events = parse_life_events(api.portal.get_registry_record(LIFE_EVENTS_RECORD, default=[]))
        sheets = {token: [] for token, _title in events}
        # One catalog query; sheets are grouped by their metadata.
        for brain in self.context.portal_catalog(portal_type="ServiceSheet", review_state="published", sort_on="sortable_title"):
            for token in brain.life_events or ():
                if token in sheets:
                    sheets[token].append(brain_link_json(brain))
        items = [{"token": token, "title": title, "items": sheets[token], "items_total": len(sheets[token])} for token, title in events]
        return {"@id": f"{self.context.absolute_url()}/@life-events", "items": items}
