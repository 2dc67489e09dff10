"""Rules a queue's tables and dates must satisfy, declared once for forms and REST.

Pure Python (no Zope import), like appointments/validation.py, whose counter rows
and counts a queue shares (a queue's counter is a code and a label, and the
prefixes it serves instead of appointment types): each check raises a `QueueError`
(an `HoursError` carrying its msgid and mapping) that content/validation.py turns
into a translated field error, so the edit form and a REST 400 read the same. What
needs the catalog (a row's service is a service sheet, the desk is a desk) is
checked on the Zope side, in content/queue.py.

The rules: at least one service and one counter; a service's prefix is one capital
letter (facts.QUEUE_PREFIX_PATTERN), unique in the queue, and a sheet has one
prefix; its default service time a whole number of minutes within
facts.QUEUE_MIN_MINUTES..QUEUE_MAX_MINUTES; counter codes well formed and unique; a
counter names only prefixes of the queue and every service has a counter serving
it; the campaign closes on or after the day it opens; capacity, grace and notice
minutes are whole numbers, zero or more (appointments/validation.py `check_count`).
"""

from guichet_kb.appointments.validation import check_counters as check_counter_rows
from guichet_kb.appointments.validation import check_served
from guichet_kb.appointments.validation import counter_type_codes
from guichet_kb.facts import QUEUE_MAX_MINUTES
from guichet_kb.facts import QUEUE_MIN_MINUTES
from guichet_kb.facts import QUEUE_PREFIX_PATTERN
from guichet_kb.hours.validation import HoursError
import re


_PREFIX_RE = re.compile(rf"^{QUEUE_PREFIX_PATTERN}$")


class QueueError(HoursError):
    """A readable problem with a queue's tables or dates (msgid, English default, mapping)."""


def counter_prefixes(value):
    """'C, P' -> ('C', 'P'); empty -> () (every service)."""
    return counter_type_codes(value)


def check_services(rows):
    """Validate service rows; return them as dicts with a stripped prefix and int minutes."""
    rows = list(rows or ())
    if not rows:
        raise QueueError("error_queue_no_service", "Give at least one service.")
    parsed, prefixes, sheets = [], set(), {}
    for row in rows:
        raw = row.get("prefix")
        prefix = raw.strip() if isinstance(raw, str) else ""
        if not _PREFIX_RE.match(prefix):
            raise QueueError("error_queue_prefix", "Invalid prefix '{prefix}': one capital letter, A to Z.", prefix=str(raw or ""))
        if prefix in prefixes:
            raise QueueError("error_queue_prefix_twice", "The prefix '{prefix}' is used twice.", prefix=prefix)
        prefixes.add(prefix)
        minutes = row.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not QUEUE_MIN_MINUTES <= minutes <= QUEUE_MAX_MINUTES:
            raise QueueError(
                "error_queue_minutes",
                "Prefix '{prefix}': the service time must be a whole number of minutes from {low} to {high}.",
                prefix=prefix,
                low=str(QUEUE_MIN_MINUTES),
                high=str(QUEUE_MAX_MINUTES),
            )
        service = row.get("service")
        if service and service in sheets:
            raise QueueError(
                "error_queue_service_twice",
                "Prefixes '{first}' and '{prefix}' serve the same sheet: give it one prefix.",
                first=sheets[service],
                prefix=prefix,
            )
        sheets[service] = prefix
        parsed.append({**row, "prefix": prefix, "minutes": minutes})
    return parsed


def check_counters(rows):
    """Validate counter rows (their own table: codes, uniqueness); `prefixes` as a tuple."""
    return check_counter_rows(rows, serves="prefixes")


def check_counter_prefixes(services, counters):
    """Counters name prefixes of the queue only, and every service has a counter serving it."""
    check_served(
        [(row.get("prefix") or "").strip() for row in services or ()],
        counters,
        "prefixes",
        ("error_queue_counter_prefix", "Counter '{counter}': there is no service with the prefix '{prefix}'."),
        ("error_queue_prefix_unserved", "No counter serves the prefix '{prefix}'."),
        error=QueueError,
        key="prefix",
    )


def check_campaign(opens_on, closes_on):
    """The campaign (both ends optional, dates) closes on or after the day it opens."""
    if opens_on is not None and closes_on is not None and closes_on < opens_on:
        raise QueueError(
            "error_queue_campaign_dates",
            "The campaign closes on {closes} before it opens on {opens}.",
            opens=opens_on.isoformat(),
            closes=closes_on.isoformat(),
        )
