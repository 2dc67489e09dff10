"""GET @fact-check-answer?token=...: the draft the link is about and its request.

Anonymous (the token is the credential, for this one sheet only); writes nothing.
Never kept by a shared cache (the token is in the address): `Cache-Control: private,
no-store`, as the @@fact-check page.
"""

from guichet_kb.api.guard.service import GuichetService
from guichet_kb.factcheck import answering
from guichet_kb.factcheck import asking
from guichet_kb.factcheck import draft


NO_STORE = "private, no-store"


def expert_json(sheet, record, request):
    """What the link's holder reads: the request (without who asked) and the draft."""
    data = asking.record_json(record)
    data.pop("asked_by")
    return {"request": data, "sheet": draft.draft_json(sheet, request)}


class FactCheckAnswerGet(GuichetService):
    def reply(self):
        self.request.response.setHeader("Cache-Control", NO_STORE)
        sheet, record = answering.resolve(self.request.form.get("token"))
        return expert_json(sheet, record, self.request)
