"""POST @dashboard-summary [{"force": true}]: mail last month's summary to the desk's managers.

Run by `guichet-kb dashboard-summary` from cron (monthly). Whoever may read the
dashboard (VIEW_DASHBOARD) may ask for it: the mail holds what they read there, and
it goes out once a month per site (dashboard/summary.py), so a second call says when
the first was sent. Sending it again (`force`) mails every manager a second time:
that is for administrators (MANAGE_CATALOGUE), like the catalogue's other jobs.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.dashboard import summary
from guichet_kb.permissions import MANAGE_CATALOGUE
from guichet_kb.permissions import VIEW_DASHBOARD
from zope.security import checkPermission


class SummaryPost(GuichetService):
    csrf = CSRF_OFF
    permission = VIEW_DASHBOARD

    def reply(self):
        data = self.json_body()
        if set(data) - {"force"} or not isinstance(data.get("force", False), bool):
            raise Refused(400, _("error_summary_body", default='Expected no body, or {"force": true} to send this month\'s summary again.'))
        if data.get("force") and not checkPermission(MANAGE_CATALOGUE, self.context):
            raise Refused(403, _("error_summary_force", default="Only an administrator may send the monthly summary again."))
        return summary.send(self.context, force=data.get("force", False))
