"""POST @review-reminders: e-mail reviewers a digest of overdue and flagged items.

Run by `guichet-kb remind` from cron, so it works while the site is running.
"""

from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.workflow import notify
from guichet_kb.workflow import queue


class RemindersPost(GuichetService):
    csrf = CSRF_OFF

    def reply(self):
        self.json_body()  # none expected; a malformed one is a 400
        items = queue.entries(("flagged", "overdue"))
        sent = notify.send_digest(self.context, items)
        return {"items_total": len(items), "sent": sent}
