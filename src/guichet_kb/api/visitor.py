"""`VisitorPost`: what the writes of public-site visitors share (@page-view, @feedback).

Anonymous, rate-limited per client address, a small body naming a published
sheet by its `uid`; no CSRF token (no credentials to forge).
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.protection.clients import flood_allowed


MAX_BODY = 4096


class VisitorPost(GuichetService):
    csrf = CSRF_OFF
    max_body = MAX_BODY
    bucket = ""
    limit = 0
    fields = frozenset()

    def reply(self):
        if not flood_allowed(self.request, self.bucket, self.limit):
            raise Refused(429, _("error_rate_limited", default="Too many requests: try again in a minute."))
        data = self.json_body()
        if set(data) - self.fields or not isinstance(data.get("uid"), str):
            raise Refused(
                400,
                _(
                    "error_stats_body",
                    default="Expected a JSON object with a sheet 'uid' and no other fields than: ${fields}.",
                    mapping={"fields": ", ".join(sorted(self.fields))},
                ),
            )
        brains = self.context.portal_catalog(UID=data["uid"], portal_type="ServiceSheet", review_state="published")
        if not len(brains):
            raise Refused(404, _("error_unknown_service", default="No service sheet with this UID."))
        return self.store(brains[0].UID, data)
