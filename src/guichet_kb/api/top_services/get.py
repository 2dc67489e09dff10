"""GET @top-services[?audience=…]: at most 8 sheets for the one-click home page."""

from guichet_kb import clock
from guichet_kb.api.answer.get import _term_filter
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.notices import json as notices_json
from guichet_kb.serializers.sheet import brain_link_json
from guichet_kb.stats.store import popularity
from guichet_kb.stats.store import viewed_uids


LIMIT = 8


def blend(picked, viewed):
    """Editor order first, nudged by the last 30 days' views when there are some.

    Editor picks score 1.0 (rank 1) down to ~0.1; popularity adds up to 1.0 for the
    most viewed sheet, so a much-visited sheet can climb or enter the tiles."""
    candidates = {b.UID: b for b in picked + viewed}
    views = {uid: popularity(uid) for uid in candidates}
    most = max(views.values(), default=0) or 1

    def score(brain):
        editor = (10 - min(brain.top_rank, 9)) / 9 if brain.top_rank else 0
        return editor + views[brain.UID] / most

    return sorted(candidates.values(), key=lambda b: (-score(b), b.top_rank or 99, b.Title))


class TopServicesGet(GuichetService):
    def reply(self):
        filters = _term_filter(self.request.form, "audience", "guichet_kb.audiences", self.context)
        catalog = self.context.portal_catalog
        base = {"portal_type": "ServiceSheet", "review_state": "published", **filters}
        picked = list(catalog(top_rank={"query": 1, "range": "min"}, **base))
        uids = viewed_uids()
        # An empty UID list would not filter at all: no views, no viewed sheets.
        viewed = list(catalog(UID=uids, **base)) if uids else []
        brains = blend(picked, viewed)[:LIMIT]
        now, staff = clock.now(), notices_json.staff()
        items = [
            {
                **brain_link_json(b),
                "UID": b.UID,
                "online_service_url": b.online_service_url or None,
                "life_event": (b.life_events or [None])[0],
                "top_rank": b.top_rank,
                "notices": notices_json.of_brain(b, now, is_staff=staff),  # the home page's banner
            }
            for b in brains
        ]
        return {"@id": f"{self.context.absolute_url()}/@top-services", "items": items, "items_total": len(items)}
