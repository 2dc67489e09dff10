"""The body of POST @bookings, checked field by field (400 with a clear message each).

{"agenda": UID of a published agenda the caller may see, "type": one of its codes,
"start": ISO 8601 with offset (the type and the start against the rules: the store), "name": 1..100 characters with no e-mail address nor
phone number inside (interactions/screen.py), "email": one address, "phone"?: the
desks' phone rule (content/validation.py)}. Nothing else.
"""

from guichet_kb import _
from guichet_kb.api.bookings.base import parse_start
from guichet_kb.api.guard.errors import Refused
from guichet_kb.appointments.agendas import rules_of
from guichet_kb.appointments.store import Person
from guichet_kb.content.validation import phone_constraint
from guichet_kb.facts import BOOKING_NAME_MAX
from guichet_kb.interactions.screen import has_personal_data
from guichet_kb.interactions.screen import is_email
from guichet_kb.visibility import visible_by_uid
from zope.schema.interfaces import ValidationError


FIELDS = frozenset({"agenda", "type", "start", "name", "email", "phone"})
REQUIRED = ("agenda", "type", "start", "name", "email")


def _fields(data):
    if set(data) - FIELDS or any(name not in data for name in REQUIRED):
        raise Refused(
            400,
            _(
                "error_booking_body",
                default="Expected a JSON object with ${required} and optionally phone, nothing else.",
                mapping={"required": ", ".join(REQUIRED)},
            ),
        )


def agenda_of(uid):
    """The published agenda with this UID the caller may see, else 400 (one message)."""
    agenda = visible_by_uid([uid]).get(uid) if isinstance(uid, str) and uid else None
    if agenda is None or agenda.portal_type != "Agenda":
        raise Refused(400, _("error_booking_agenda", default="'agenda' must be the UID of a published agenda."))
    return agenda


def name_of(value):
    name = " ".join(value.split()) if isinstance(value, str) else ""
    if not 1 <= len(name) <= BOOKING_NAME_MAX:
        raise Refused(400, _("error_booking_name", default="'name' must have 1 to ${max} characters.", mapping={"max": BOOKING_NAME_MAX}))
    if has_personal_data(name):
        raise Refused(400, _("error_booking_name_contact", default="'name' must hold a name only, no e-mail address nor phone number."))
    return name


def email_of(value):
    if not is_email(value):
        raise Refused(400, _("error_bad_email", default="This is not an e-mail address."))
    return value


def phone_of(value):
    if value is None or value == "":
        return None
    try:
        if isinstance(value, str) and phone_constraint(value.strip()):
            return value.strip()
    except ValidationError:
        pass
    raise Refused(400, _("error_booking_phone", default="'phone' must be a phone number (digits, spaces, dots, dashes, an optional +)."))


def checked(data):
    """(agenda, rules, start, person) of a valid body, else Refused(400); the type is the
    store's to check (appointments/checks.py), with the start against the agenda's rules."""
    _fields(data)
    agenda = agenda_of(data["agenda"])
    start = parse_start(data["start"])
    person = Person(name_of(data["name"]), email_of(data["email"]), phone_of(data.get("phone")))
    return agenda, rules_of(agenda), start, person
