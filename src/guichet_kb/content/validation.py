"""Field constraints with clear, translatable messages for forms and REST alike.

zope.schema reports a constraint failure through ``ValidationError.doc()``; both
z3c.form error snippets and plone.restapi's deserializer use it, so raising
``FieldError`` here gives the same French message in Classic UI and a 400 JSON.
"""

from guichet_kb import _
from guichet_kb.appointments import validation as agenda_validation
from guichet_kb.facts import PHONE_PATTERN
from guichet_kb.facts import WEEKDAYS
from guichet_kb.hours import check_exceptions
from guichet_kb.hours import check_weekly
from guichet_kb.hours import HoursError
from guichet_kb.hours import parse_time
from guichet_kb.queues import validation as queue_validation
import re
from urllib.parse import urlsplit
from zope.i18nmessageid import Message
from zope.schema.interfaces import ValidationError


class FieldError(ValidationError):
    """A validation error carrying its own (translatable) message."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def doc(self):
        return self.message


def error_message(error):
    """The translatable message of a pure check's HoursError (its msgid and mapping)."""
    # Weekday names travel as msgids so they read "lundi" in French.
    mapping = {key: Message(val, domain="guichet_kb", default=val.capitalize()) if val in WEEKDAYS else val for key, val in error.mapping.items()}
    return Message(error.msgid, domain="guichet_kb", default=error.default.replace("{", "${"), mapping=mapping)


def _hours_constraint(check):
    """Wrap a pure hours check so its HoursError becomes a translated FieldError."""

    def constraint(value):
        try:
            check(value)
        except HoursError as error:
            raise FieldError(error_message(error)) from None
        return True

    return constraint


weekly_hours_constraint = _hours_constraint(check_weekly)
hours_exceptions_constraint = _hours_constraint(check_exceptions)
time_constraint = _hours_constraint(parse_time)


def pattern_constraint(pattern, message):
    """A constraint accepting values that match ``pattern``; ``message`` gets ${value}."""
    compiled = re.compile(pattern)

    def constraint(value):
        if not compiled.match(value or ""):
            raise FieldError(Message(message, mapping={"value": value}))
        return True

    return constraint


phone_constraint = pattern_constraint(PHONE_PATTERN, _("error_invalid_phone", default="Invalid phone number '${value}'."))
external_id_constraint = pattern_constraint(
    r"^[A-Z]{1,3}[0-9]{1,6}$",
    _("error_invalid_external_id", default="Invalid external reference '${value}': expected a Service-Public ID such as F1341."),
)
life_event_line_constraint = pattern_constraint(
    r"^[a-z0-9]+(-[a-z0-9]+)*\|\S.*$",
    _("error_life_event_line", default="Invalid line '${value}': write 'token|Title', e.g. 'naissance|Naissance'."),
)


def http_url_constraint(value):
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise FieldError(
            _("error_invalid_url", default="Invalid web address '${value}': it must start with https:// or http://.", mapping={"value": value})
        )
    return True


insee_constraint = pattern_constraint(
    r"^(\d{5}|2[AB]\d{3})$",
    _("error_invalid_insee", default="Invalid commune code '${value}': expected an INSEE code such as 75056 or 2A004."),
)


# An agenda's tables and numbers (issue 18, appointments/validation.py): the same wrapping.
appointment_types_constraint = _hours_constraint(agenda_validation.check_types)
counters_constraint = _hours_constraint(agenda_validation.check_counters)
closures_constraint = _hours_constraint(agenda_validation.check_closures)
count_constraint = _hours_constraint(agenda_validation.check_count)


# The public site's address (issue 18, appointments/links.py): empty, or http(s) without query.
_public_url = pattern_constraint(
    r"^https?://[^\s/?#]+(/[^\s?#]*)?$",
    _("error_public_site_url", default="Invalid address '${value}': expected http(s)://host[/path], without query."),
)


def public_url_constraint(value):
    """Empty (no public site) or an http(s) address without query nor fragment."""
    return True if not value else _public_url(value)


# A queue's tables (issue 19, queues/validation.py): the same wrapping.
queue_services_constraint = _hours_constraint(queue_validation.check_services)
queue_counters_constraint = _hours_constraint(queue_validation.check_counters)
