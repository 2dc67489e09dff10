"""POST @page-view {"uid"} and POST @feedback {"uid", "useful", "comment"}."""

from guichet_kb import _
from guichet_kb import ratelimit
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.protection.clients import client_address
from guichet_kb.stats import store
from guichet_kb.stats import visitors
from plone.protect.interfaces import IDisableCSRFProtection
from zope.i18n import translate
from zope.interface import alsoProvides


MAX_BODY = 4096


class StatsPost(GuichetService):
    bucket = ""
    limit = 0
    fields = frozenset()

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        if not ratelimit.allowed(self.bucket, client_address(self.request), self.limit):
            return self.error(429, _("error_rate_limited", default="Too many requests: try again in a minute."))
        if int(self.request.getHeader("Content-Length") or 0) > MAX_BODY:
            return self.error(413, _("error_body_too_large", default="Request too large."))
        try:
            data = self.json_body()
        except Refused as refused:
            return self.error(refused.status, refused.message)
        if not isinstance(data, dict) or set(data) - self.fields or not isinstance(data.get("uid"), str):
            return self.error(
                400,
                _(
                    "error_stats_body",
                    default="Expected a JSON object with a sheet 'uid' and no other fields than: ${fields}.",
                    mapping={"fields": ", ".join(sorted(self.fields))},
                ),
            )  # noqa: E501
        brains = self.context.portal_catalog(UID=data["uid"], portal_type="ServiceSheet", review_state="published")
        if not len(brains):
            return self.error(404, _("error_unknown_service", default="No service sheet with this UID."))
        return self.store(brains[0].UID, data)

    def error(self, status, message):
        self.request.response.setStatus(status)
        return {
            "error": {
                "type": {400: "BadRequest", 404: "NotFound", 413: "RequestEntityTooLarge", 429: "TooManyRequests"}[status],
                "message": translate(message, context=self.request),
            }
        }


class PageViewPost(StatsPost):
    bucket, limit, fields = "view", 120, frozenset({"uid"})

    def store(self, uid, data):
        # Once per visitor, sheet and day (the answer is the same either way).
        if visitors.first_visit(client_address(self.request), uid):
            store.count_view(uid)
        return self.reply_no_content()


class FeedbackPost(StatsPost):
    bucket, limit, fields = "feedback", 10, frozenset({"uid", "useful", "comment"})

    def store(self, uid, data):
        if not isinstance(data.get("useful"), bool) or not isinstance(data.get("comment", ""), str):
            return self.error(400, _("error_feedback_body", default="'useful' must be true or false and 'comment' a text."))
        if len(data.get("comment", "")) > store.MAX_COMMENT:
            return self.error(
                400, _("error_comment_too_long", default="The comment is too long (at most ${max} characters).", mapping={"max": store.MAX_COMMENT})
            )  # noqa: E501
        store.add_feedback(uid, data["useful"], data.get("comment", ""))
        return self.reply_no_content()
