"""POST @appointment-reminders: send the booking reminders that are due, each once.

Run by `guichet-kb appointment-reminders` from cron every 15 minutes (Site
Administrators: MANAGE_CATALOGUE, like the other jobs). No body. Answer:
{"reminders_sent": n}. The rules are appointments/reminders.py's.
"""

from guichet_kb.api.agent import AgentService
from guichet_kb.appointments import reminders
from guichet_kb.permissions import MANAGE_CATALOGUE


class RemindersPost(AgentService):
    permission = MANAGE_CATALOGUE

    def reply(self):
        self.body()
        return reminders.send_due()
