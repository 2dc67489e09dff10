"""The dates a caller may send in a parameter, declared once.

Python dates run from year 1 to 9999; at both ends a time zone shift overflows
(`OverflowError`), and before 1911 Europe/Paris used local mean time, whose
offset (+00:09:21) is not valid RFC 3339. Nothing in a municipal catalogue is
dated outside EARLIEST..LATEST, so anything outside is a 400.
"""

from datetime import date
from datetime import datetime
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.guard.errors import Refused


EARLIEST = date(1970, 1, 1)
LATEST = date(2199, 12, 31)


def _out_of_range(name):
    return Refused(
        400,
        _(
            "error_date_range",
            default="'${name}' must be between ${earliest} and ${latest}.",
            mapping={"name": name, "earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
        ),
    )


def parse_datetime(value, name, message):
    """An ISO 8601 date and time (local time of the site when no offset), in range."""
    try:
        when = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        when = None
    if when is None:
        raise Refused(400, message)
    if not EARLIEST <= when.date() <= LATEST:
        raise _out_of_range(name)
    return when if when.tzinfo else when.replace(tzinfo=clock.zone())


def parse_date(value, name, message):
    """A YYYY-MM-DD date, in range."""
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date() if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise Refused(400, message)
    if not EARLIEST <= day <= LATEST:
        raise _out_of_range(name)
    return day
