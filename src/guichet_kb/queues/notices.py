"""A ticket's notices: the confirmation when it is taken, "your turn is near" once, and
"it is your turn" when a counter calls it — by every sender the ticket has an address for
(queues/senders.py: e-mail built in, an SMS gateway if registered), after the commit.

- `send_taken(ticket, link)`: the confirmation (the number, the desk and its address, the
  estimated wait, the tracking link, what happens next, how long the address is kept).
  A ticket whose estimated call is already within its notice's minutes when taken is
  marked notified there: the confirmation has just said it all.
- `send_due(now)`: `POST @queue-notifications` (the job `guichet-kb queue-notify --every
  15`, and after each counter action): every waiting ticket of today with a contact,
  not yet notified, whose forecast call (queues/estimate.py through the core's
  `queue_state`) is at most `notify_minutes` away (the queue's, else the site's
  `queue_notify_minutes`) gets the notice. `notified` is set in the transaction that
  queues it and the senders run after the commit, so a notice goes once whichever
  instance runs the job: two racing runs write the same ticket, conflict, and Zope's
  retry of the second finds it notified.
- `announce_call(ticket, counter_label)`: the "called" notice, once per ticket
  (`called_notified`), used by the counter actions (part counters) after a call.

Every notice is composed with an anonymous caller's rights (opendata/anonymous.py):
it names only a published desk and sheet.
"""

from guichet_kb import clock
from guichet_kb.opendata.anonymous import as_anonymous
from guichet_kb.queues import notice_texts
from guichet_kb.queues import senders


def _queue(ticket):
    from plone.app.uuid.utils import uuidToObject

    return uuidToObject(ticket.queue, unrestricted=True)


def about(ticket, link=None, counter=None, estimate=None, rules=None):
    """The `notice_texts.About` of the ticket, as an anonymous caller sees its desk and sheet."""
    from guichet_kb.queues import lines
    from guichet_kb.visibility import visible_by_uid

    queue = _queue(ticket)
    rules = rules or (lines.rules_of(queue) if queue is not None else None)
    with as_anonymous():
        seen = visible_by_uid([ticket.service, ticket.desk])
        sheet, desk = seen.get(ticket.service), seen.get(ticket.desk)
        address = None
        if desk is not None:
            from guichet_kb.serializers.desk import desk_address

            address = desk_address(desk)
    estimate = estimate or {}
    return notice_texts.About(
        number=ticket.label,
        service=sheet.Title() if sheet is not None else ticket.label,
        desk=desk.Title() if desk is not None else "",
        address=address,
        position=estimate.get("position"),
        wait_minutes=estimate.get("wait_minutes"),
        link=link,
        notify_minutes=notify_minutes(rules),
        grace_minutes=rules.grace_minutes if rules is not None else 0,
        counter=counter,
    )


def notify_minutes(rules):
    """The queue's minutes of the "near" notice, else the site's setting."""
    from guichet_kb.facts import QUEUE_NOTIFY_MINUTES
    from guichet_kb.facts import QUEUE_NOTIFY_RECORD
    from plone import api

    minutes = getattr(rules, "notify_minutes", 0) or 0
    if minutes:
        return minutes
    value = api.portal.get_registry_record(QUEUE_NOTIFY_RECORD, default=QUEUE_NOTIFY_MINUTES)
    return value if isinstance(value, int) and value > 0 else QUEUE_NOTIFY_MINUTES


def _estimate(ticket, now):
    from guichet_kb.queues.describe import state_of

    queue = _queue(ticket)
    if queue is None:
        return None, {}
    rules, _line, _desk, state = state_of(queue, now)
    return rules, state["positions"].get(ticket.label, {})


def send_taken(ticket, link, now=None):
    """Queue the confirmation of a ticket just taken; how many senders will send it."""
    if not (ticket.email or ticket.phone):
        return 0
    now = now or clock.now()
    rules, estimate = _estimate(ticket, now)
    facts = about(ticket, link, estimate=estimate, rules=rules)
    if estimate.get("wait_minutes") is not None and estimate["wait_minutes"] <= facts.notify_minutes:
        ticket.notified = now
    return senders.dispatch(ticket, notice_texts.compose("taken", facts))


def announce_call(ticket, counter_label, now=None):
    """Queue the "called" notice of a ticket a counter has just called (once); how many
    senders will send it."""
    from guichet_kb.queues.links import link_of

    if not (ticket.email or ticket.phone) or ticket.called_notified is not None:
        return 0
    ticket.called_notified = now or clock.now()
    _token, link = link_of(ticket)
    return senders.dispatch(ticket, notice_texts.compose("called", about(ticket, link, counter=counter_label)))


def send_due(now=None):
    """Queue the due "near" notices; {"sent": n}."""
    from datetime import timedelta
    from guichet_kb.queues import store
    from guichet_kb.queues.describe import state_of
    from guichet_kb.queues.links import link_of
    from plone.app.uuid.utils import uuidToObject

    now = now or clock.now()
    today = clock.local(now).date()
    sent = 0
    for line in store.lines():  # the core's lines(): Line objects
        uid = line.queue
        waiting = [ticket for ticket in line.waiting_on(today) if ticket.notified is None and (ticket.email or ticket.phone)]
        queue = uuidToObject(uid, unrestricted=True) if waiting else None
        if queue is None:
            continue
        rules, _line, _desk, state = state_of(queue, now)
        minutes = notify_minutes(rules)
        for ticket in waiting:
            estimate = state["positions"].get(ticket.label)
            if not estimate or estimate.get("call_at") is None:
                continue
            if clock.local(_parse(estimate["call_at"])) - now <= timedelta(minutes=minutes):
                ticket.notified = now
                _token, link = link_of(ticket)
                sent += bool(senders.dispatch(ticket, notice_texts.compose("near", about(ticket, link, estimate=estimate, rules=rules))))
    return {"sent": sent}


def _parse(value):
    from datetime import datetime

    return value if not isinstance(value, str) else datetime.fromisoformat(value)
