"""Field constraints with clear, translatable messages for forms and REST alike.

zope.schema reports a constraint failure through ``ValidationError.doc()``; both
z3c.form error snippets and plone.restapi's deserializer use it, so raising
``FieldError`` here gives the same French message in Classic UI and a 400 JSON.
"""
from guichet_kb import _
from guichet_kb.hours import HoursError
from guichet_kb.hours import check_exceptions
from guichet_kb.hours import check_weekly
from guichet_kb.hours import parse_time
from guichet_kb.hours.validation import WEEKDAYS
from urllib.parse import urlsplit
from zope.i18nmessageid import Message
from zope.schema.interfaces import ValidationError

import re


class FieldError(ValidationError):
    """A validation error carrying its own (translatable) message."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def doc(self):
        return self.message


def _from_hours_error(error):
    # Weekday names travel as msgids so they read "lundi" in French.
    mapping = {
        key: Message(value, domain="guichet_kb", default=value.capitalize()) if value in WEEKDAYS else value
        for key, value in error.mapping.items()
    }
    default = error.default.replace("{", "${")
    return FieldError(Message(error.msgid, domain="guichet_kb", default=default, mapping=mapping))


def weekly_hours_constraint(rows):
    try:
        check_weekly(rows)
    except HoursError as error:
        raise _from_hours_error(error) from None
    return True


def hours_exceptions_constraint(rows):
    try:
        check_exceptions(rows)
    except HoursError as error:
        raise _from_hours_error(error) from None
    return True


def http_url_constraint(value):
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise FieldError(
            _("error_invalid_url", default="Invalid web address '${value}': it must start with https:// or http://.", mapping={"value": value})
        )
    return True


_PHONE_RE = re.compile(r"^\+?[0-9 .()-]{6,20}$")


def phone_constraint(value):
    if not _PHONE_RE.match(value or ""):
        raise FieldError(
            _("error_invalid_phone", default="Invalid phone number '${value}'.", mapping={"value": value})
        )
    return True


_EXTERNAL_ID_RE = re.compile(r"^[A-Z]{1,3}[0-9]{1,6}$")


def external_id_constraint(value):
    if not _EXTERNAL_ID_RE.match(value or ""):
        raise FieldError(
            _("error_invalid_external_id", default="Invalid external reference '${value}': expected a Service-Public ID such as F1341.", mapping={"value": value})
        )
    return True


def time_constraint(value):
    try:
        parse_time(value)
    except HoursError as error:
        raise _from_hours_error(error) from None
    return True
