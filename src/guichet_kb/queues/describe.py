"""What a queue and a ticket show: the one place their JSON is built (GET @queues, the
ticket's link, every write's answer; the notices read the same values).

Numbers only, never a contact nor a ticket's code in a queue's JSON: "now" (the ticket or
appointment at each open counter, "C012" or "RDV 10:20"), "next" (facts.QUEUE_NEXT_SHOWN
numbers), "positions" (each waiting number's position, forecast call and wait). The
figures are the core's (`queues.counters.queue_state`). The desk and the sheets go
through guichet_kb.visibility for the caller: a sheet unpublished since is left out of
the queue's services, and a ticket of it shows its service as null; a ticket never names
a hidden queue, sheet or desk. A ticket's JSON never holds its e-mail address nor its
phone: `contact` says whether one is kept. `priority` is shown to staff only.
"""

from guichet_kb import clock
from guichet_kb.appointments.describe import desk_json
from guichet_kb.appointments.describe import service_json
from guichet_kb.visibility import visible_by_uid


def _iso(moment):
    return clock.local(moment).isoformat() if moment is not None else None


def _parts(rules, desk_uid):
    """{uid: object} of the queue's desk and sheets the caller may see."""
    return visible_by_uid([desk_uid, *(service.service for service in rules.services)])


def campaign_json(rules):
    if rules.opens_on is None and rules.closes_on is None and not rules.daily_capacity:
        return None
    return {
        "opens_on": rules.opens_on.isoformat() if rules.opens_on else None,
        "closes_on": rules.closes_on.isoformat() if rules.closes_on else None,
        "daily_capacity": rules.daily_capacity,
    }


def state_of(queue, now=None):
    """(rules, line or None, desk object or None, queue_state) of a listed queue, now."""
    from guichet_kb.queues import counters
    from guichet_kb.queues import lines
    from guichet_kb.queues import store

    now = now or clock.now()
    rules, desk = lines.rules_of(queue), lines.desk_of(queue)
    line = store.line_of(queue)
    schedule = desk.schedule() if desk is not None else None
    return rules, line, desk, counters.queue_state(rules, line, schedule, now)


def queue_json(queue, now=None):
    """The queue's JSON (GET @queues) for the caller."""
    rules, _line, desk, state = state_of(queue, now)
    seen = _parts(rules, rules.desk)
    services = [
        {**service_json(seen[service.service]), "prefix": service.prefix}
        for service in rules.services
        if service.service in seen and seen[service.service].portal_type == "ServiceSheet"
    ]
    return {
        "uid": queue.UID(),
        "title": queue.Title(),
        "desk": desk_json(seen.get(rules.desk) or desk),
        "services": services,
        "campaign": campaign_json(rules),
        **{name: state[name] for name in ("open", "opens_at", "waiting", "wait_minutes", "counters_open", "version", "now", "next", "positions")},
    }


def can_rejoin(ticket, today=None):
    return ticket.status == "missed" and not ticket.rejoined and ticket.day == (today or clock.today())


def ticket_json(ticket, queue=None, staff=False, now=None):
    """The ticket's JSON for its link's holder (or staff): its number, status, queue,
    service, desk, its place and estimate while waiting, its counter once called."""
    now = now or clock.now()
    seen = visible_by_uid([ticket.queue, ticket.service, ticket.desk])
    queue = seen.get(ticket.queue)
    estimate, rules = {}, None
    if queue is not None:
        rules, _line, _desk, state = state_of(queue, now)
        estimate = state["positions"].get(ticket.label, {}) if ticket.status == "waiting" and ticket.day == now.date() else {}
    counter = rules.counter(ticket.counter) if rules is not None and ticket.counter else None
    return {
        "code": ticket.code,
        "number": ticket.label,
        "status": ticket.status,
        "queue": {"uid": queue.UID(), "title": queue.Title()} if queue is not None else None,
        "service": service_json(seen.get(ticket.service)),
        "desk": desk_json(seen.get(ticket.desk)),
        "position": estimate.get("position"),
        "call_at": estimate.get("call_at"),
        "wait_minutes": estimate.get("wait_minutes"),
        "counter": {"code": counter.code, "label": counter.label}
        if counter is not None
        else ({"code": ticket.counter, "label": ticket.counter} if ticket.counter else None),
        "taken_at": _iso(ticket.taken),
        "called_at": _iso(ticket.called),
        "notify_minutes": rules.notify_minutes if rules is not None else None,
        "contact": bool(ticket.email or ticket.phone),
        "can_rejoin": can_rejoin(ticket, clock.local(now).date()),
        "priority": ticket.priority if staff else None,
    }
