"""POST @review-reminders [{"force": true}]: e-mail reviewers a digest of overdue and flagged items.

Run by `guichet-kb remind` from cron, so it works while the site is running. One
digest a day (workflow/digest.py): a second call the same day sends nothing and
says when the first was sent, unless it asks to `force` a new one.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.workflow import digest
from guichet_kb.workflow import notify
from guichet_kb.workflow import queue


class RemindersPost(GuichetService):
    csrf = CSRF_OFF

    def reply(self):
        data = self.json_body()
        if set(data) - {"force"} or not isinstance(data.get("force", False), bool):
            raise Refused(400, _("error_reminders_body", default='Expected no body, or {"force": true} to send today\'s digest again.'))
        items = queue.entries(("flagged", "overdue"))
        already = digest.sent_today()
        if already and not data.get("force"):
            return {"items_total": len(items), "sent": 0, "already_sent": already}
        sent = notify.send_digest(self.context, items)
        if sent:
            digest.claim()
        return {"items_total": len(items), "sent": sent}
