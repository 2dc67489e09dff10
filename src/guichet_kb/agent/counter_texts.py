"""The words of the queue and counter commands (agent/counters.py), in the CLI's language.

Msgids of the guichet_kb domain made without Zope (agent/message.py), read by
agent/texts.py's `Texts` like the other commands' words.
"""

from guichet_kb.agent.message import Message as _


QUEUES_NONE = _("cli_queues_none", default="No published queue.")
QUEUE_LINE = _("cli_queue_line", default="${title} — ${desk}: ${waiting} waiting, ${wait}, ${counters} counter(s) open")
QUEUE_WAIT = _("cli_queue_wait", default="estimated wait ${minutes} min")
QUEUE_NO_ESTIMATE = _("cli_queue_no_estimate", default="no estimate")
QUEUE_CLOSED = _("cli_queue_closed", default="not taking tickets (opens ${moment})")
QUEUE_CLOSED_NOW = _("cli_queue_closed_now", default="not taking tickets")
QUEUE_NOW = _("cli_queue_now", default="  at ${counter}: ${ticket}")
QUEUE_NEXT = _("cli_queue_next", default="  next: ${numbers}")
COUNTER_STATE = _("cli_counter_state", default="${desk} — ${counter}: ${state}")
COUNTER_OPEN = _("cli_counter_open", default="open")
COUNTER_CLOSED = _("cli_counter_closed", default="closed")
COUNTER_AT = _("cli_counter_at", default="At the counter: ${number} — ${service}")
COUNTER_NOBODY = _("cli_counter_nobody", default="Nobody at the counter.")
COUNTER_WAITING = _("cli_counter_waiting", default="Waiting (${count}): ${numbers}")
COUNTER_ARRIVED = _("cli_counter_arrived", default="Arrived appointments: ${appointments}")
COUNTER_CALLED = _("cli_counter_called", default="Called: ${number} — ${service}")
COUNTER_NEEDS = _("cli_counter_needs", default="counter ${action}: give ${what}.")
