"""GET @fact-check-answer?token=...: the draft the link is about and its request.

Anonymous (the token is the credential, for this one sheet only); writes nothing.
"""

from guichet_kb.api.guard.service import GuichetService
from guichet_kb.factcheck import answering
from guichet_kb.factcheck import asking
from guichet_kb.factcheck import draft


def expert_json(sheet, record, request):
    """What the link's holder reads: the request (without who asked) and the draft."""
    data = asking.record_json(record)
    data.pop("asked_by")
    return {"request": data, "sheet": draft.draft_json(sheet, request)}


class FactCheckAnswerGet(GuichetService):
    def reply(self):
        sheet, record = answering.resolve(self.request.form.get("token"))
        return expert_json(sheet, record, self.request)
