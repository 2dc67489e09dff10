"""GET @top-services[?audience=…]: at most 8 sheets for the one-click home page."""
from guichet_kb.api.answer.get import BadInput
from guichet_kb.api.answer.get import _term_filter
from guichet_kb.api.caching import CachedForAnonymous
from plone.restapi.services import Service
from zope.i18n import translate

LIMIT = 8


class TopServicesGet(CachedForAnonymous, Service):
    def reply(self):
        try:
            filters = _term_filter(self.request.form, "audience", "guichet_kb.audiences", self.context)
        except BadInput as error:
            self.request.response.setStatus(400)
            return {"error": {"type": "BadRequest", "message": translate(error.args[0], context=self.request)}}
        brains = self.context.portal_catalog(
            portal_type="ServiceSheet", review_state="published", top_rank={"query": 1, "range": "min"},
            sort_on="top_rank", sort_limit=LIMIT, **filters
        )[:LIMIT]
        items = [
            {
                "@id": b.getURL(),
                "UID": b.UID,
                "title": b.Title,
                "summary": b.Description,
                "online_service_url": b.online_service_url or None,
                "life_event": (b.life_events or [None])[0],
                "top_rank": b.top_rank,
            }
            for b in brains
        ]
        return {"@id": f"{self.context.absolute_url()}/@top-services", "items": items, "items_total": len(items)}
