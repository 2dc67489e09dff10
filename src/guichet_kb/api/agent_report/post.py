"""POST @agent-report {"service", "kind", "comment"}: "information incorrecte /
pas de réponse" from an agent; it enters the review queue (reason agent_report). A
comment with personal data is refused (the agent rewrites it); the same report again
within facts.DUPLICATE_MINUTES is merged into the first (triage/intake.py)."""

from guichet_kb import _
from guichet_kb import facts
from guichet_kb.api.agent import AgentService
from guichet_kb.api.guard.errors import Refused
from guichet_kb.interactions.screen import has_personal_data
from guichet_kb.triage import intake
from plone import api


MAX_COMMENT = 1000


class ReportPost(AgentService):
    fields = frozenset({"service", "kind", "comment"})

    def reply(self):
        data = self.body()
        brain = self.item(data.get("service"))
        kind = self.choice(data, "kind", facts.REPORT_KINDS)
        comment = data.get("comment")
        if not isinstance(comment, str) or not comment.strip():
            raise Refused(400, _("error_report_comment", default="Say what is wrong in 'comment'."))
        if len(comment) > MAX_COMMENT:
            raise Refused(
                400, _("error_comment_too_long", default="The comment is too long (at most ${max} characters).", mapping={"max": MAX_COMMENT})
            )  # noqa: E501
        if has_personal_data(comment):
            raise Refused(400, _("error_personal_data", default="Remove the e-mail address or phone number: no personal data in comments."))
        intake.take_report(brain.UID, kind, comment.strip(), api.user.get_current().getId())
        self.request.response.setStatus(201)
        return {"service": brain.UID, "kind": kind}
