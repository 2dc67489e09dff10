"""The counters' actions, each step time-stamped (the ticket's history, the counter's state).

Every function takes `desk_rules` (the QueueRules of the desk's queues), the desk UID, the
counter code, the agent's id and now, and returns what it acted on; refusals are
QueueRefused. Calling the next follows order.py. Two agents calling at once: both write
the ticket they chose; if it is the same, one commit fails, Zope retries that request and
its retry sees the ticket called and takes the next: no ticket is called twice.
A counter at an appointment serves it through the appointments' statuses (arrived, then
done or no_show: appointments.store.Book.set_status).
"""

from . import order
from .errors import refuse
from .state import desk_bookings
from .state import DeskForecast
from .store import counter_state
from .store import find
from .store import line_of
from datetime import timedelta
from guichet_kb import _
from guichet_kb.appointments import store as appointments
from guichet_kb.facts import QUEUE_PRIORITY_REASONS
import math


def _counter_rules(desk_rules, code):
    serving = [rules for rules in desk_rules if rules.counter(code) is not None]
    if not serving:
        refuse(404, _("error_counter_unknown", default="No queue of this desk has this counter."), "NotFound")
    return serving


def _open_state(desk, code):
    state = counter_state(desk, code, create=True)
    if not state.open:
        refuse(409, _("error_counter_closed", default="This counter is closed: open it first."), "CounterClosed")
    return state


def _current(state):
    if state.current is None:
        refuse(409, _("error_counter_idle", default="Nobody is at this counter: call the next first."), "BadTransition")
    return state.current


def open_counter(desk_rules, desk, code, agent, now):
    _counter_rules(desk_rules, code)
    state = counter_state(desk, code, create=True)
    if not state.open or state.agent != agent:
        state.open, state.agent, state.opened = True, agent, now
    return state


def close_counter(desk_rules, desk, code, agent, now):
    _counter_rules(desk_rules, code)
    state = counter_state(desk, code, create=True)
    if state.current is not None:
        refuse(409, _("error_counter_busy", default="Finish the current visit (done or absent) first."), "Busy")
    if state.open:
        state.open, state.agent, state.closed = False, None, now
    return state


def arrived_at(desk, code, now, state=None):
    """The arrived appointments of a counter not at it now, by start."""
    current = state.current if state is not None else None
    found = [b for b in desk_bookings(desk, now.date()) if b.counter == code and b.status == "arrived" and current != ("booking", b.code)]
    return sorted(found, key=lambda booking: booking.start)


def call_next(desk_rules, desk, code, agent, now, schedule):
    """The next ticket or arrived appointment at this counter (order.py), or None."""
    serving = _counter_rules(desk_rules, code)
    state = _open_state(desk, code)
    if state.current is not None:
        refuse(409, _("error_counter_busy", default="Finish the current visit (done or absent) first."), "Busy")
    day = now.date()
    tickets = []
    for rules in serving:
        line = line_of(rules.queue)
        counter = rules.counter(code)
        tickets += [t for t in (line.waiting_on(day) if line is not None else ()) if counter.serves(t.prefix)]
    minutes = DeskForecast(desk, desk_rules, schedule, now).minutes_of if tickets else (lambda prefix: 0)
    choice = order.choose(now, tickets, arrived_at(desk, code, now, state), lambda ticket: minutes(ticket.prefix))
    if choice is None:
        return None
    state.since = now
    if choice.kind == "booking":
        state.current = ("booking", choice.item.code)
        return choice
    ticket = choice.item
    line_of(ticket.queue).dequeue(ticket)
    ticket.status, ticket.called, ticket.counter, ticket.agent = "called", now, code, agent
    ticket.log(now, "called", agent, code)
    state.current = ("ticket", ticket.code)
    return choice


def _ticket_at(state):
    kind, code = _current(state)
    return kind, (find(code)[1] if kind == "ticket" else appointments.find(code)[1])


def recall(desk_rules, desk, code, agent, now):
    _counter_rules(desk_rules, code)
    state = _open_state(desk, code)
    kind, item = _ticket_at(state)
    if kind == "ticket":
        item.recalls += 1
        item.log(now, "recalled", agent, code)
        line_of(item.queue).changed()
    return kind, item


def no_show(desk_rules, desk, code, agent, now):
    """The person called did not come: after the queue's grace period, missed (a ticket may
    rejoin once the same day) or no_show (an appointment)."""
    _counter_rules(desk_rules, code)
    state = _open_state(desk, code)
    kind, item = _ticket_at(state)
    if kind == "ticket":
        grace = next((rules.grace_minutes for rules in desk_rules if rules.queue == item.queue), 0)
        left = (item.called + timedelta(minutes=grace) - now).total_seconds()
        if left > 0:
            refuse(
                409,
                _(
                    "error_counter_grace",
                    default="Wait ${minutes} more minute(s) before marking the ticket absent.",
                    mapping={"minutes": math.ceil(left / 60)},
                ),
                "Grace",
            )
        item.status = "missed"
        item.log(now, "missed", agent, code)
        line_of(item.queue).changed()
    else:
        _booking_status(item, "no_show", agent, now)
    state.current, state.since = None, now
    return kind, item


def finish(desk_rules, desk, code, agent, now):
    """The visit at the counter is over: the ticket done (its service time a sample of
    today's median, its contact erased) or the appointment done."""
    _counter_rules(desk_rules, code)
    state = _open_state(desk, code)
    kind, item = _ticket_at(state)
    if kind == "ticket":
        line = line_of(item.queue)
        item.status, item.done = "done", now
        item.log(now, "done", agent, code)
        line.record_service(item)
        line.erase(item)
        line.changed()
    else:
        _booking_status(item, "done", agent, now)
    state.current, state.since = None, now
    return kind, item


def _booking_status(booking, status, agent, now):
    appointments.book_of(booking.agenda).set_status(booking.code, status, agent, now)


def transfer(desk_rules, desk, code, agent, now, queue, prefix):
    """The ticket at the counter goes to another service (of this queue or another queue
    of the desk), waiting again with the time it first queued."""
    _counter_rules(desk_rules, code)
    state = _open_state(desk, code)
    kind, ticket = _ticket_at(state)
    target = next((rules for rules in desk_rules if rules.queue == queue), None)
    if kind != "ticket" or target is None or target.service(prefix) is None:
        refuse(400, _("error_counter_transfer", default="A ticket can only be transferred to a service of this desk's queues."), "BadTransition")
    source = line_of(ticket.queue)
    if target.queue != ticket.queue:
        source.release(ticket)
        line_of(target.queue, create=True).adopt(ticket)
    else:
        source.changed()
    ticket.service, ticket.prefix = target.service(prefix).service, prefix
    ticket.status, ticket.called, ticket.counter = "waiting", None, None
    ticket.notified = ticket.called_notified = None
    ticket.log(now, "transferred", agent, f"{queue}:{prefix}")
    line_of(target.queue).enqueue(ticket)
    state.current, state.since = None, now
    return ticket


def prioritize(desk_rules, ticket_code, reason, agent, now):
    """A waiting ticket served first (a reason an agent checked; None takes it back)."""
    if reason is not None and reason not in QUEUE_PRIORITY_REASONS:
        refuse(400, _("error_ticket_priority", default="Unknown priority reason."), "BadPriority")
    _queue, ticket = find(ticket_code)
    if ticket is None or ticket.queue not in {rules.queue for rules in desk_rules}:
        refuse(404, _("error_ticket_unknown", default="No ticket with this code."), "NotFound")
    if ticket.status != "waiting":
        refuse(409, _("error_ticket_not_waiting", default="This ticket is no longer waiting."), "BadTransition")
    line = line_of(ticket.queue)
    line.dequeue(ticket)
    ticket.priority = reason
    ticket.log(now, "priority", agent, reason)
    line.enqueue(ticket)
    return ticket
