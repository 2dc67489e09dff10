"""GET @queue-counter?desk=UID&counter=code: a counter as its agent sees it.

Staff with MANAGE_QUEUES (agents, desk managers, administrators; 401 anonymous, 403
other staff). The answer is state.py's `counter_json`: the counter's state, the ticket
or appointment at it, the waiting tickets it serves, the arrived appointments, the
desk's queues. The counter screen polls it every 5 seconds (a few agents, not the
public). Staff data: never cached (private, no-store). Writes nothing.
"""

from guichet_kb.api import queue_counter_state as state
from guichet_kb.api.agenda_day.get import NO_STORE
from guichet_kb.api.agent import AgentService
from guichet_kb.api.guard.params import refuse_unknown
from guichet_kb.permissions import MANAGE_QUEUES


PARAMETERS = ("desk", "counter")


class QueueCounterGet(AgentService):
    permission = MANAGE_QUEUES

    def reply(self):
        self.request.response.setHeader("Cache-Control", NO_STORE)
        refuse_unknown(self.request.form, PARAMETERS)
        return state.counter_json(state.desk_counter(self.request.form), self.request)
