"""GET @checklist?service=UID: the text agents copy."""

from guichet_kb.api.agent import AgentService
from guichet_kb.interactions import checklist
from guichet_kb.workflow import notify


class ChecklistGet(AgentService):
    def reply(self):
        sheet = self.item(self.request.form.get("service"), ("ServiceSheet",)).getObject()
        # In the site's language, whatever the agent's browser: it is read to citizens.
        language = notify._language()
        return {
            "service": sheet.UID(),
            "title": sheet.Title(),
            "url": sheet.absolute_url(),
            "lines": checklist.lines(sheet, self.request, language),
            "text": checklist.text(sheet, self.request, language),
        }
