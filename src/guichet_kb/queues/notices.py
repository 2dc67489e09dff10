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
    """The minutes before the call of the "near" notice (the queue's, else the site's)."""
    from guichet_kb.queues.lines import site_notify_minutes

    return getattr(rules, "notify_minutes", 0) or site_notify_minutes()


def send_taken(ticket, link, now=None):
    """Queue the confirmation of a ticket just taken; how many senders will send it."""
    from guichet_kb.queues.describe import estimate_of
    from guichet_kb.queues.describe import Live

    if not ticket.has_contact:
        return 0
    live = Live(now)
    rules, estimate = estimate_of(ticket, live)
    facts = about(ticket, link, estimate=estimate, rules=rules)
    if estimate.get("wait_minutes") is not None and estimate["wait_minutes"] <= facts.notify_minutes:
        ticket.notified = live.now
    return senders.dispatch(ticket, notice_texts.compose("taken", facts))


def announce_call(ticket, counter_label, now=None):
    """Queue the "called" notice of a ticket a counter has just called (once); how many
    senders will send it."""
    from guichet_kb.queues.links import link_of

    if not ticket.has_contact or ticket.called_notified is not None:
        return 0
    ticket.called_notified = now or clock.now()
    _token, link = link_of(ticket)
    return senders.dispatch(ticket, notice_texts.compose("called", about(ticket, link, counter=counter_label)))


def send_due(now=None):
    """Queue the due "near" notices; {"sent": n}."""
    from datetime import timedelta
    from guichet_kb.queues import store
    from guichet_kb.queues.describe import Live
    from guichet_kb.queues.links import link_of
    from plone.app.uuid.utils import uuidToObject

    live = Live(now)
    sent = 0
    for line in store.lines():
        waiting = [ticket for ticket in line.waiting_on(live.now.date()) if ticket.notified is None and ticket.has_contact]
        queue = uuidToObject(line.queue, unrestricted=True) if waiting else None
        if queue is None:
            continue
        rules, _desk, forecast = live.desk(queue)
        minutes = notify_minutes(rules)
        for ticket in waiting:
            found = forecast.of(ticket) if forecast is not None else None
            if found is None or found.call_at is None or found.call_at - live.now > timedelta(minutes=minutes):
                continue
            ticket.notified = live.now
            _token, link = link_of(ticket)
            notice = notice_texts.compose("near", about(ticket, link, estimate=live.place(forecast, ticket), rules=rules))
            sent += bool(senders.dispatch(ticket, notice))
    return {"sent": sent}
