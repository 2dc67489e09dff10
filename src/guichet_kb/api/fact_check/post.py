"""POST <sheet>/@fact-check {"email"?, "message"?} -> 201 with the request.

Editors (or reviewers) of the sheet only: anonymous callers get a 401, agents a 403
(`factcheck.asking.may_ask`). The rules and the mail are factcheck/asking.py's.
"""

from guichet_kb.api.guard.service import CSRF_TOKEN
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.factcheck import asking
from guichet_kb.permissions import REQUEST_REVIEW
from plone import api


class FactCheckPost(GuichetService):
    permission = REQUEST_REVIEW  # for the 401/403 refusals; the rule is may_ask (editors or reviewers)
    csrf = CSRF_TOKEN

    def allowed(self):
        return asking.may_ask(self.context)

    def reply(self):
        record, _token = asking.ask(self.context, self.json_body(), api.user.get_current().getId())
        self.request.response.setStatus(201)
        return {"@id": f"{self.context.absolute_url()}/@fact-check", "sheet": self.context.absolute_url(), **asking.record_json(record)}
