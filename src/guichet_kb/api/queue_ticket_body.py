"""The body of POST @queue-tickets, checked field by field (400 with a clear message each).

{"queue": UID of a queue listed for the caller (queues/lines.py), "service"?: the UID of
one of its sheets (required when it serves several; a sheet the caller may not see reads
as unknown), "email"?: one address (the bookings' check, api/booking_body.email_of), "phone"?: a phone
number (facts.PHONE_PATTERN), taken only where an SMS sender is registered
(queues/senders.py). Nothing else. The contact is optional: a ticket without one is
followed on its page or at the desk.
"""

from guichet_kb import _
from guichet_kb.api import booking_body
from guichet_kb.api.guard.errors import Refused
from guichet_kb.facts import PHONE_PATTERN
from guichet_kb.queues import senders
from guichet_kb.visibility import visible_by_uid
import re


FIELDS = frozenset({"queue", "service", "email", "phone"})
BAD_QUEUE = _("error_queue_ticket_queue", default="'queue' must be the UID of an open queue.")


def _fields(data):
    if set(data) - FIELDS or "queue" not in data:
        raise Refused(400, _("error_queue_ticket_body", default='Expected a JSON object {"queue"[, "service"][, "email"][, "phone"]}, nothing else.'))


def queue_of(uid):
    """The queue with this UID listed for the caller, else 400 (one message)."""
    from guichet_kb.queues.lines import queues_for

    if not isinstance(uid, str) or not uid:
        raise Refused(400, BAD_QUEUE)
    queue = next((queue for queue in queues_for() if queue.UID() == uid), None)
    if queue is None:
        raise Refused(400, BAD_QUEUE)
    return queue


def prefix_of(rules, uid):
    """The prefix of the queue's service ``uid`` (the only one when not given), else 400."""
    if uid is None and len(rules.services) == 1:
        uid = rules.services[0].service
    if uid is None:
        raise Refused(400, _("error_queue_ticket_service_required", default="This queue serves several services: give 'service'."))
    prefix = rules.prefix_of(uid) if isinstance(uid, str) and uid else None
    sheet = visible_by_uid([uid]).get(uid) if prefix is not None else None
    if sheet is None or sheet.portal_type != "ServiceSheet":
        raise Refused(400, _("error_queue_ticket_service", default="'service' must be the UID of a service of this queue."))
    return prefix


def email_of(value):
    if value is None or value == "":
        return None
    return booking_body.email_of(value)


def phone_of(value):
    if value is None or value == "":
        return None
    if not senders.offered("sms"):
        raise Refused(400, _("error_queue_ticket_no_sms", default="Text messages are not offered here: leave an e-mail address."))
    if not isinstance(value, str) or not re.match(PHONE_PATTERN, value.strip()):
        raise Refused(400, _("error_queue_ticket_phone", default="'phone' must be a phone number (digits, spaces, dots, dashes, an optional +)."))
    return value.strip()


def checked(data):
    """(queue, rules, prefix, email, phone) of a valid body, else Refused(400)."""
    from guichet_kb.queues.lines import rules_of

    _fields(data)
    queue = queue_of(data["queue"])
    rules = rules_of(queue)
    return queue, rules, prefix_of(rules, data.get("service")), email_of(data.get("email")), phone_of(data.get("phone"))
