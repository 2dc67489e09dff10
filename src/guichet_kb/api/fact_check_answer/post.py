"""POST @fact-check-answer {"token", "verdict": "exact"|"a_corriger", "comment"}.

Anonymous and rate-limited per client address; no CSRF token: the link's token is
the credential and another site cannot know it. One answer per link (409 after).
"""

from guichet_kb import _
from guichet_kb.api.fact_check_answer.get import expert_json
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.factcheck import answering
from guichet_kb.protection.clients import flood_allowed


BUCKET, LIMIT = "fact_check", 20  # answers (and tries) per client and minute
MAX_BODY = 16 * 1024  # a comment of FACT_CHECK_MAX_COMMENT characters, JSON-escaped


class FactCheckAnswerPost(GuichetService):
    csrf = CSRF_OFF
    max_body = MAX_BODY

    def reply(self):
        if not flood_allowed(self.request, BUCKET, LIMIT):
            raise Refused(429, _("error_rate_limited", default="Too many requests: try again in a minute."))
        data = self.json_body()
        sheet, record = answering.resolve(data.get("token"))
        record = answering.answer(sheet, record, data)
        return expert_json(sheet, record, self.request)
