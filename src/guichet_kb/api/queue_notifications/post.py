"""POST @queue-notifications: send the "your turn is near" notices due, each once.

Run by `guichet-kb queue-notify --every 15` (a supervised loop, deploy/systemd) and after
each counter action (Site Administrators: MANAGE_CATALOGUE, like the other jobs). No
body. Answer: {"sent": n}. The rules are queues/notices.py's.
"""

from guichet_kb import _
from guichet_kb.api.agent import AgentService
from guichet_kb.api.guard.errors import Refused
from guichet_kb.permissions import MANAGE_CATALOGUE
from guichet_kb.queues import notices


class NotificationsPost(AgentService):
    permission = MANAGE_CATALOGUE

    def reply(self):
        if self.json_body():
            raise Refused(400, _("error_queue_no_body", default="Expected no body, or {}."))
        return notices.send_due()
