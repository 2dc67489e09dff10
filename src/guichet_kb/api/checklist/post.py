"""POST @checklist {"service", "email"[, "organisation"]}: the checklist e-mailed to the citizen once (address not stored).

`organisation`: the UID of the published Organisation the caller is sent to (an
orientation); the mail then gives its public contact (interactions/checklist.py)."""

from guichet_kb import _
from guichet_kb import ratelimit
from guichet_kb.api.agent import AgentService
from guichet_kb.api.guard.errors import Refused
from guichet_kb.interactions import checklist
from guichet_kb.interactions.screen import is_email
from plone import api


# Per agent and per Zope process: enough for a busy desk, stops a runaway script.
MAIL_LIMIT, MAIL_WINDOW = 10, 600


class ChecklistPost(AgentService):
    fields = frozenset({"service", "email", "organisation"})

    def reply(self):
        data = self.body()
        sheet = self.item(data.get("service"), ("ServiceSheet",)).getObject()
        if not is_email(data.get("email")):
            raise Refused(400, _("error_bad_email", default="This is not an e-mail address."))
        organisation = self.organisation(data["organisation"]) if data.get("organisation") is not None else None
        if not ratelimit.allowed("checklist", api.user.get_current().getId(), MAIL_LIMIT, MAIL_WINDOW):
            raise Refused(429, _("error_mail_flood", default="Too many e-mails sent: wait a few minutes."))
        if not checklist.send(sheet, self.request, data["email"], organisation):
            raise Refused(503, _("error_mail_unavailable", default="E-mail is not configured on this site."))
        return {"sent": True, "service": sheet.UID(), "organisation": organisation.UID if organisation is not None else None}
