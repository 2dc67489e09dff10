"""What a counter's agent sees (GET @queue-counter, the screen « Appeler le suivant »).

`desk_counter(form)` checks the desk (a published desk the caller may see: 400 else) and
the counter code (a counter of one of its published queues, or of one of its agendas: 404
else) and returns a `Place`; `counter_json(place, request, now)` is the answer: the
counter's state, the ticket or appointment at it, the waiting tickets it serves (call
order: priority first, then the time they queued, then number — queues/order.py's rule
2), the arrived appointments of this counter, the queues of the desk (transfer targets).
Staff data, never cached; it shows no e-mail nor phone, only titles of sheets the caller
may see (visibility.visible_brains: a hidden sheet has neither UID nor title) and the appointments' names as the day view does.
Writes nothing.
"""

from datetime import timedelta
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.agenda_day.get import visible_desk
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.params import single
from guichet_kb.visibility import visible_brains


# The legal priority reception (facts.QUEUE_PRIORITY_REASONS), set by an agent only.
PRIORITY_TITLES = {
    "disability": _("queue_priority_disability", default="Disability"),
    "pregnancy": _("queue_priority_pregnancy", default="Pregnancy"),
    "young_child": _("queue_priority_young_child", default="With a young child"),
}
NO_COUNTER = _("error_queue_counter_unknown", default="This desk has no counter with this code (queues or agendas).")


class Place:
    """A desk's counter: the desk's brain, the code, the QueueRules of the desk's queues
    (with the queue objects) and the agendas at the desk."""

    def __init__(self, desk, code, queues, agendas):
        from guichet_kb.queues.lines import rules_of

        self.desk, self.code, self.queues, self.agendas = desk, code, queues, agendas
        self.rules = [rules_of(queue) for queue in queues]

    def counters(self):
        """The QueueCounter of this code in each queue that has it."""
        return [rules.counter(self.code) for rules in self.rules if rules.counter(self.code) is not None]

    def label(self):
        found = self.counters()
        if found:
            return found[0].label
        for agenda in self.agendas:
            for row in agenda.counters or ():
                if row["code"] == self.code:
                    return row["label"]
        return self.code


def desk_counter(form):
    from guichet_kb.appointments.agendas import agendas_for
    from guichet_kb.queues.lines import queues_for

    uid = single(form, "desk")
    if uid is None:
        raise Refused(400, _("error_queue_counter_desk", default="Give 'desk': the UID of a published desk (guichets)."))
    desk = visible_desk(uid)
    code = single(form, "counter")
    if code is None:
        raise Refused(400, _("error_queue_counter_code", default="Give 'counter': the code of one of the desk's counters."))
    place = Place(desk, code, queues_for(desk_uid=desk.UID), agendas_for(desk_uid=desk.UID))
    in_agendas = any(row["code"] == code for agenda in place.agendas for row in agenda.counters or ())
    if not place.counters() and not in_agendas:
        raise Refused(404, NO_COUNTER)
    return place


def iso(moment):
    return clock.local(moment).isoformat() if moment is not None else None


def service_of(uid, titles):
    """{"uid", "title"} of a ticket's or an appointment's sheet; a sheet the caller may
    not see (not in ``titles``, visibility.visible_brains) reads {"uid": null, "title": ""}."""
    brain = titles.get(uid)
    return {"uid": uid, "title": brain.Title} if brain is not None else {"uid": None, "title": ""}


def ticket_row(ticket, titles, rules):
    """A ticket as the counter shows it: never the e-mail nor the phone."""
    grace_ends = None
    if ticket.status == "called" and ticket.called is not None and rules is not None:
        grace_ends = iso(ticket.called + timedelta(minutes=rules.grace_minutes))
    return {
        "code": ticket.code,
        "number": ticket.label,
        "status": ticket.status,
        "queue": ticket.queue,
        "service": service_of(ticket.service, titles),
        "priority": ticket.priority,
        "channel": ticket.channel,
        "taken_at": iso(ticket.taken),
        "called_at": iso(ticket.called),
        "recalls": ticket.recalls,
        "counter": ticket.counter,
        "rejoined": bool(ticket.rejoined),
        "no_show_from": grace_ends,
    }


def waiting(place, day):
    """(ticket, rules) of the waiting tickets this counter serves, in call order."""
    from guichet_kb.queues import store

    found = []
    for rules in place.rules:
        counter = rules.counter(place.code)
        line = store.line_of(rules.queue) if counter is not None else None
        if line is None:
            continue
        found.extend((ticket, rules) for ticket in line.waiting_on(day) if counter.serves(ticket.prefix))
    found.sort(key=lambda pair: pair[0].rank())
    return found


def arrived(place, day, request, now):
    """The day view's rows of this counter's appointments marked arrived (appointments/day.py)."""
    from guichet_kb.appointments import day as day_view

    columns = day_view.columns(place.agendas, day, request, place.code, now)
    return [row for column in columns for row in column["appointments"] if row["status"] == "arrived"]


def current(place, state, titles, now):
    """The ticket or the appointment at the counter now, else None."""
    from guichet_kb.appointments import store as bookings
    from guichet_kb.queues import store

    if state is None or state.current is None:
        return None
    kind, code = state.current
    if kind == "ticket":
        _queue, ticket = store.find(code)
        if ticket is None:
            return None
        rules = next((rules for rules in place.rules if rules.queue == ticket.queue), None)
        return {"kind": "ticket", **ticket_row(ticket, titles, rules)}
    _agenda, booking = bookings.find(code)
    return booking_row(booking, titles) if booking is not None else None


def booking_row(booking, titles):
    """An appointment at a counter: "RDV 10:20", its service and the name, as the day view shows it."""
    start = clock.local(booking.start)
    return {
        "kind": "booking",
        "code": booking.code,
        "number": f"RDV {start.strftime('%H:%M')}",
        "status": booking.status,
        "service": service_of(booking.service, titles),
        "name": booking.name if booking.name and not booking.erased else "",
        "start": start.isoformat(),
    }


def state_json(place, state):
    return {
        "code": place.code,
        "label": place.label(),
        "open": bool(state is not None and state.open),
        "agent": state.agent if state is not None else None,
        "opened_at": iso(state.opened) if state is not None else None,
        "since": iso(state.since) if state is not None else None,
        "prefixes": sorted({prefix for counter in place.counters() for prefix in counter.prefixes}),
    }


def counter_json(place, request, now=None):
    from guichet_kb.queues import store

    now = now or clock.now()
    day = clock.local(now).date()
    state = store.counter_state(place.desk.UID, place.code)
    queued = waiting(place, day)
    uids = {ticket.service for ticket, _rules in queued} | {entry.service for rules in place.rules for entry in rules.services}
    if state is not None and state.current is not None:
        uids |= {current_service(state)}
    titles = visible_brains(sorted(uid for uid in uids if uid))
    lines = [store.line_of(rules.queue) for rules in place.rules]
    return {
        "desk": {"uid": place.desk.UID, "title": place.desk.Title, "url": place.desk.getURL()},
        "counter": state_json(place, state),
        "current": current(place, state, titles, now),
        "waiting": [ticket_row(ticket, titles, rules) for ticket, rules in queued],
        "appointments": arrived(place, day, request, now),
        "queues": [queue_json(queue, rules, titles, place.code) for queue, rules in zip(place.queues, place.rules, strict=True)],
        "version": sum(line.version() for line in lines if line is not None),
        "now": iso(now),
    }


def current_service(state):
    """The sheet UID of what is at the counter (for its title), or None."""
    from guichet_kb.appointments import store as bookings
    from guichet_kb.queues import store

    kind, code = state.current
    found = store.find(code)[1] if kind == "ticket" else bookings.find(code)[1]
    return found.service if found is not None else None


def queue_json(queue, rules, titles, code):
    services = []
    for entry in rules.services:
        brain = titles.get(entry.service)
        if brain is not None:  # a hidden sheet is neither shown nor offered as a transfer
            services.append({"uid": entry.service, "title": brain.Title, "prefix": entry.prefix})
    return {"uid": rules.queue, "title": queue.Title(), "services": services, "serves_here": rules.counter(code) is not None}
