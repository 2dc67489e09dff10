"""Taking a ticket: the queue open (campaign dates, the desk's hours), the call possible
before today's closing, then the store's number (capacity there)."""

from .errors import refuse
from .state import DeskForecast
from .store import line_of
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.dates.words import MONTHS


def day_words(day):
    """A date in words as a Message ("5 mars 2027" in French), translated with the answer."""
    return _("long_date", default="${month} ${day}, ${year}", mapping={"day": day.day, "month": MONTHS[day.month - 1], "year": day.year})


def check_open(rules, schedule, now):
    """Refuse (409 Closed) outside the campaign's dates or the desk's opening hours."""
    day = now.date()
    if rules.opens_on is not None and day < rules.opens_on:
        refuse(409, _("error_queue_campaign_later", default="This queue opens on ${day}.", mapping={"day": day_words(rules.opens_on)}), "Closed")
    if rules.closes_on is not None and day > rules.closes_on:
        refuse(409, _("error_queue_campaign_over", default="This queue closed on ${day}.", mapping={"day": day_words(rules.closes_on)}), "Closed")
    if not schedule.is_open(now):
        opening = schedule.next_opening(now)
        if opening is None:
            refuse(409, _("error_queue_closed", default="The desk is closed: no ticket can be taken now."), "Closed")
        mapping = {"day": day_words(opening.date()), "time": opening.strftime("%H:%M")}
        refuse(
            409, _("error_queue_closed_until", default="The desk is closed: the queue opens again on ${day} at ${time}.", mapping=mapping), "Closed"
        )


def take_ticket(rules, desk_rules, schedule, prefix, contact, channel, agent=None, now=None):
    """A new Ticket in `rules`' queue (its desk's queues `desk_rules` share counters).
    Refusals: UnknownService (400), Closed, TooLate, Full (409)."""
    now = now or clock.now()
    if not isinstance(prefix, str) or rules.service(prefix) is None:
        refuse(400, _("error_queue_service", default="This queue does not serve this service."), "UnknownService")
    check_open(rules, schedule, now)
    desk = DeskForecast(rules.desk, desk_rules, schedule, now)
    expected = desk.new_ticket(rules, prefix)
    if expected.call_at is None or (desk.closing is not None and expected.call_at >= desk.closing):
        refuse(
            409,
            _("error_queue_too_late", default="Too many people are waiting: the desk could not call a new ticket before it closes today."),
            "TooLate",
        )
    return line_of(rules.queue, create=True).issue(rules, prefix, contact, channel, agent, now)
