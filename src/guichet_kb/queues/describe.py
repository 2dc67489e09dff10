"""What a queue and a ticket show: the one place their JSON is built (GET @queues, the
ticket's link, every write's answer; the notices read the same estimates).

A queue's figures come from the core's forecast of its desk (queues/state.DeskForecast:
the desk's listed queues share its counters), computed once per desk and moment
(`Live`). Numbers only, never a contact nor a ticket's code in a queue's JSON: "now" (what
each open counter of the queue serves, "C012" or "RDV 10:20"), "next"
(facts.QUEUE_NEXT_SHOWN numbers), "positions" (each waiting number's position, forecast
call and wait). "open" says whether a ticket taken now would be accepted (the campaign,
the desk's hours, the daily capacity, a call still possible before closing), "opens_at"
the next opening when the queue is closed by the hours or a campaign to come, and
"wait_minutes" the estimated wait of a ticket taken now (its first service's).

The desk and the sheets go through guichet_kb.visibility for the caller: a sheet
unpublished since is left out of the queue's services, and a ticket of it shows its
service as null; a ticket never names a hidden queue, sheet or desk. A ticket's JSON never
holds its e-mail address nor its phone: `contact` says whether one is kept; `priority`
is shown to staff only. Reads only.
"""

from datetime import datetime
from datetime import time
from guichet_kb import clock
from guichet_kb.appointments.describe import desk_json
from guichet_kb.appointments.describe import service_json
from guichet_kb.facts import QUEUE_NEXT_SHOWN
from guichet_kb.queues.estimate import wait_minutes
from guichet_kb.visibility import visible_by_uid


def _iso(moment):
    return clock.local(moment).isoformat() if moment is not None else None


class Live:
    """The forecasts of the desks at one moment, each desk's computed once."""

    def __init__(self, now=None):
        self.now = clock.local(now or clock.now())
        self._desks = {}

    def desk(self, queue):
        """(rules, desk object or None, DeskForecast or None) of a queue."""
        from guichet_kb.queues import lines
        from guichet_kb.queues.state import DeskForecast

        rules, desk = lines.rules_of(queue), _unrestricted_desk(queue)
        if desk is None:
            return rules, None, None
        if rules.desk not in self._desks:
            desk_rules = [lines.rules_of(other) for other in lines.queues_for(desk_uid=rules.desk)]
            if rules.queue not in {other.queue for other in desk_rules}:
                desk_rules.append(rules)
            self._desks[rules.desk] = DeskForecast(rules.desk, desk_rules, desk.schedule(), self.now)
        return rules, desk, self._desks[rules.desk]

    def place(self, forecast, ticket):
        """{"position", "call_at", "wait_minutes"} of a waiting ticket, or {}."""
        found = forecast.of(ticket) if forecast is not None else None
        if found is None:
            return {}
        return {"position": found.position, "call_at": _iso(found.call_at), "wait_minutes": wait_minutes(found.call_at, self.now)}


def _unrestricted_desk(queue):
    relation = getattr(queue, "desk", None)
    return relation.to_object if relation is not None and not relation.isBroken() else None


def campaign_json(rules):
    if rules.opens_on is None and rules.closes_on is None and not rules.daily_capacity:
        return None
    return {
        "opens_on": rules.opens_on.isoformat() if rules.opens_on else None,
        "closes_on": rules.closes_on.isoformat() if rules.closes_on else None,
        "daily_capacity": rules.daily_capacity,
    }


def opening(rules, schedule, forecast, line, now):
    """(open, opens_at, wait_minutes of a ticket taken now): as taking.take_ticket decides."""
    from guichet_kb.queues.errors import QueueRefused
    from guichet_kb.queues.taking import check_open

    try:
        check_open(rules, schedule, now)
    except QueueRefused:
        if rules.closes_on is not None and now.date() > rules.closes_on:
            return False, None, None
        start = now
        if rules.opens_on is not None and now.date() < rules.opens_on:
            start = datetime.combine(rules.opens_on, time(0), tzinfo=now.tzinfo)
        return False, _iso(schedule.next_opening(start)), None
    if rules.daily_capacity and line is not None and line.issued(now.date()) >= rules.daily_capacity:
        return False, None, None
    if not rules.services:
        return False, None, None
    expected = forecast.new_ticket(rules, rules.services[0].prefix)
    if expected.call_at is None or (forecast.closing is not None and expected.call_at >= forecast.closing):
        return False, None, None
    return True, None, wait_minutes(expected.call_at, now)


def counters_now(rules, forecast_desk, now):
    """[{"counter", "label", "ticket", "since"}] of the queue's open counters."""
    from guichet_kb.appointments import store as appointments
    from guichet_kb.queues.store import counter_state
    from guichet_kb.queues.store import find

    found = []
    for counter in rules.counters:
        state = counter_state(forecast_desk, counter.code)
        if state is None or not state.open:
            continue
        shown = None
        if state.current is not None:
            kind, code = state.current
            if kind == "ticket":
                ticket = find(code)[1]
                shown = ticket.label if ticket is not None else None
            else:
                booking = appointments.find(code)[1]
                shown = f"RDV {clock.local(booking.start):%H:%M}" if booking is not None else "RDV"
        found.append({"counter": counter.code, "label": counter.label, "ticket": shown, "since": _iso(state.since) if shown else None})
    return found


def queue_json(queue, live=None):
    """The queue's JSON (GET @queues) for the caller."""
    from guichet_kb.queues.store import line_of

    live = live or Live()
    rules, desk, forecast = live.desk(queue)
    seen = visible_by_uid([rules.desk, *(service.service for service in rules.services)])
    services = [
        {**service_json(seen[entry.service]), "prefix": entry.prefix}
        for entry in rules.services
        if entry.service in seen and seen[entry.service].portal_type == "ServiceSheet"
    ]
    line = line_of(queue)
    waiting = forecast.waiting_in(rules.queue) if forecast is not None else []
    is_open, opens_at, wait = opening(rules, desk.schedule(), forecast, line, live.now) if forecast is not None else (False, None, None)
    return {
        "uid": queue.UID(),
        "title": queue.Title(),
        "desk": desk_json(seen.get(rules.desk)),
        "services": services,
        "campaign": campaign_json(rules),
        "open": is_open,
        "opens_at": opens_at,
        "waiting": len(waiting),
        "wait_minutes": wait,
        "counters_open": sum(1 for counter in rules.counters if _is_open(rules.desk, counter.code)),
        "version": line.version() if line is not None else 0,
        "now": counters_now(rules, rules.desk, live.now),
        "next": [ticket.label for ticket in waiting[:QUEUE_NEXT_SHOWN]],
        "positions": {ticket.label: live.place(forecast, ticket) for ticket in waiting},
    }


def _is_open(desk, code):
    from guichet_kb.queues.store import counter_state

    state = counter_state(desk, code)
    return state is not None and state.open


def estimate_of(ticket, live=None):
    """(rules or None, {"position", "call_at", "wait_minutes"} while waiting today, else {})."""
    from plone.app.uuid.utils import uuidToObject

    live = live or Live()
    queue = uuidToObject(ticket.queue, unrestricted=True)
    if queue is None:
        return None, {}
    rules, _desk, forecast = live.desk(queue)
    if ticket.status != "waiting" or ticket.day != live.now.date():
        return rules, {}
    return rules, live.place(forecast, ticket)


def can_rejoin(ticket, today):
    return ticket.status == "missed" and not ticket.rejoined and ticket.day == today


def ticket_json(ticket, staff=False, live=None):
    """The ticket's JSON for its link's holder (or staff): its number, status, queue,
    service, desk, its place and estimate while waiting, its counter once called."""
    live = live or Live()
    seen = visible_by_uid([ticket.queue, ticket.service, ticket.desk])
    queue = seen.get(ticket.queue)
    rules, estimate = estimate_of(ticket, live)
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
        "counter": {"code": ticket.counter, "label": counter.label if counter is not None else ticket.counter} if ticket.counter else None,
        "taken_at": _iso(ticket.taken),
        "called_at": _iso(ticket.called),
        "notify_minutes": rules.notify_minutes if rules is not None else None,
        "contact": ticket.has_contact,
        "can_rejoin": can_rejoin(ticket, live.now.date()),
        "priority": ticket.priority if staff else None,
    }
