"""POST @queue-counter {"desk", "counter", "action", "ticket"?, "queue"?, "service"?, "reason"?}.

Staff with MANAGE_QUEUES (401 anonymous, 403 other staff); a cookie session sends
plone.protect's token like the console (403 without it). `action` is one of
facts.QUEUE_ACTIONS; the rules are the core's (queues/counters.py), each step
time-stamped there in the ticket's history with the agent's id:

- open, close: the counter starts or stops calling (close with a ticket still at it: 409 Busy);
- next: the next one (queues/order.py: an arrived appointment due, else the first
  waiting ticket it serves); on a closed counter 409 CounterClosed, with a ticket still
  at it 409 Busy; two agents calling at once get two different tickets (the core's
  conflict resolution);
- recall: the ticket at the counter is called again;
- no_show: the ticket at the counter was not there (before the queue's grace minutes: 409 Grace);
- done: the ticket or appointment at the counter is served;
- transfer {"queue"?, "service"}: the ticket at the counter goes to another service's
  queue of the same desk (queued again at once);
- priority {"ticket" (its code or its number "C012"), "reason" (QUEUE_PRIORITY_REASONS)
  or null}: a waiting ticket's legal priority, set by the agent (never self-declared).

After a call (next, recall) the ticket's "called" notice is queued (sent after the
commit, queues/notices.py `announce_call`), and after every action the "turn near"
notices whose estimate changed (`send_due`). The answer: {"counter": its state,
"called": the ticket or appointment acted on as the counter shows it (state.py's rows:
number, service, status, priority, times; never a contact), or null, "screen": GET
@queue-counter's answer after the action}. A refusal stores
nothing.
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api import queue_counter_state as state
from guichet_kb.api.agent import AgentService
from guichet_kb.api.guard.errors import Refused
from guichet_kb.facts import QUEUE_ACTIONS
from guichet_kb.permissions import MANAGE_QUEUES
from plone import api


FIELDS = frozenset({"desk", "counter", "action", "ticket", "queue", "service", "reason"})
CALLS = ("next", "recall")


def refused(error):
    """The core's QueueRefused as the REST layer's Refused (its kind as the error type)."""
    return Refused(error.status, error.message, type=error.kind)


def text(data, name):
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise Refused(400, _("error_queue_counter_text", default="'${name}' must be a string.", mapping={"name": name}))
    return value or None


def ticket_code(place, value, day):
    """The code of the ticket named by its code or by its number ("C012") today at the desk, else 404."""
    from guichet_kb.queues import store

    if value is None:
        raise Refused(400, _("error_queue_counter_ticket", default="Give 'ticket': its code or its number (C012)."))
    number = value.strip().upper()
    for rules in place.rules:
        line = store.line_of(rules.queue)
        for ticket in line.day(day) if line is not None else ():
            if ticket.label == number or ticket.code == value.strip():
                return ticket.code
    raise Refused(404, _("error_queue_ticket_unknown", default="No ticket with this number or code today at this desk."))


def reason_of(data):
    reason = data.get("reason")
    return None if reason in (None, "", "none") else reason


def transfer_target(place, data):
    """(queue UID, prefix) of the transfer's target: the service of `data` in the queue
    named, or in the first of the desk's queues serving it; 400 otherwise."""
    queue, service = text(data, "queue"), text(data, "service")
    for rules in place.rules:
        if (queue is None or rules.queue == queue) and service is not None and rules.prefix_of(service) is not None:
            return rules.queue, rules.prefix_of(service)
    raise Refused(400, _("error_counter_transfer", default="A ticket can only be transferred to a service of this desk's queues."))


def schedule_of(place):
    from plone.app.uuid.utils import uuidToObject

    desk = uuidToObject(place.desk.UID, unrestricted=True)
    return desk.schedule() if desk is not None else None


def act(place, action, data, agent, now):
    """Do `action` at the place's counter; the Ticket or booking acted on (or None)."""
    from guichet_kb.queues import counters
    from guichet_kb.queues.errors import QueueRefused

    rules, desk, code = place.rules, place.desk.UID, place.code
    steps = {
        "open": lambda: counters.open_counter(rules, desk, code, agent, now) and None,
        "close": lambda: counters.close_counter(rules, desk, code, agent, now) and None,
        "next": lambda: counters.call_next(rules, desk, code, agent, now, schedule_of(place)),
        "recall": lambda: counters.recall(rules, desk, code, agent, now),
        "no_show": lambda: counters.no_show(rules, desk, code, agent, now),
        "done": lambda: counters.finish(rules, desk, code, agent, now),
        "transfer": lambda: ("ticket", counters.transfer(rules, desk, code, agent, now, *transfer_target(place, data))),
        "priority": lambda: (
            "ticket",
            counters.prioritize(rules, ticket_code(place, text(data, "ticket"), now.date()), data.get("reason"), agent, now),
        ),
    }
    try:
        found = steps[action]()
    except QueueRefused as error:
        raise refused(error) from None
    return found[1] if found is not None else None  # a Choice or (kind, item): the item


def after(place, action, acted, now):
    """The notices an action owes: the "called" one after a call, then those now due."""
    from guichet_kb.queues import notices
    from guichet_kb.queues.ticket import Ticket

    if action in CALLS and isinstance(acted, Ticket):
        notices.announce_call(acted, place.label(), now)
    notices.send_due(now)


def called_json(place, acted, now):
    """The ticket acted on as the counter shows it (state.ticket_row), or the appointment."""
    from guichet_kb.queues.ticket import Ticket
    from guichet_kb.visibility import visible_brains

    if acted is None:
        return None
    titles = visible_brains([acted.service] if acted.service else [])
    if isinstance(acted, Ticket):
        rules = next((rules for rules in place.rules if rules.queue == acted.queue), None)
        return {"kind": "ticket", **state.ticket_row(acted, titles, rules)}
    return state.booking_row(acted, titles)


def perform(data, request):
    """Check the body, act, send what is owed; the answer (shared by the REST service and the screen's form)."""
    if not isinstance(data, dict) or set(data) - FIELDS:
        raise Refused(
            400,
            _(
                "error_agent_fields",
                default="Expected a JSON object with only these fields: ${fields}.",
                mapping={"fields": ", ".join(sorted(FIELDS))},
            ),
        )
    action = data.get("action")
    if action not in QUEUE_ACTIONS:
        mapping = {"name": "action", "allowed": ", ".join(QUEUE_ACTIONS)}
        raise Refused(400, _("error_bad_choice", default="'${name}' must be one of: ${allowed}.", mapping=mapping))
    place = state.desk_counter({"desk": text(data, "desk"), "counter": text(data, "counter")})
    now = clock.now()
    acted = act(place, action, data, api.user.get_current().getId(), now)
    after(place, action, acted, now)
    screen = state.counter_json(place, request, now)
    return {"counter": screen["counter"], "called": called_json(place, acted, now), "screen": screen}


class QueueCounterPost(AgentService):
    permission = MANAGE_QUEUES
    fields = FIELDS

    def reply(self):
        return perform(self.body(), self.request)
