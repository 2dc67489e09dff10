"""POST @feedback {"uid", "useful", "comment"}: "Is this page useful?" from a visitor;
screened and merged with a recent duplicate by triage/intake.py."""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.visitor import VisitorPost
from guichet_kb.stats import store
from guichet_kb.triage import intake


class FeedbackPost(VisitorPost):
    bucket, limit, fields = "feedback", 10, frozenset({"uid", "useful", "comment"})

    def store(self, uid, data):
        if not isinstance(data.get("useful"), bool) or not isinstance(data.get("comment", ""), str):
            raise Refused(400, _("error_feedback_body", default="'useful' must be true or false and 'comment' a text."))
        if len(data.get("comment", "")) > store.MAX_COMMENT:
            raise Refused(
                400, _("error_comment_too_long", default="The comment is too long (at most ${max} characters).", mapping={"max": store.MAX_COMMENT})
            )
        intake.take_feedback(uid, data["useful"], data.get("comment", ""))
        return self.reply_no_content()
