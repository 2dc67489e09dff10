"""Rules an agenda's tables must satisfy, declared once for forms and REST.

Pure Python (no Zope import), like hours/validation.py: each check raises an
`AgendaError` (an `HoursError`: a readable problem with a table, carrying its
msgid and mapping) that content/validation.py turns into a translated field error,
so the edit form and a REST 400 read the same. What needs the catalog (a type's
service must be a service sheet, the desk must be a desk) is checked on the Zope
side, in content/agenda.py.

The rules: at least one appointment type and one counter; codes well formed and
unique within their table; a duration a multiple of the booking grid within the
bounds (facts.APPOINTMENT_MIN_MINUTES, APPOINTMENT_MAX_MINUTES); a counter names only types that exist
and every type is served by some counter; a closure ends on or after its start and
gives both times of the closed part of the day, or neither (whole days), the part
ending after it starts; leads and limits are whole numbers, zero or more.
"""

from guichet_kb.facts import AGENDA_CODE_PATTERN
from guichet_kb.facts import APPOINTMENT_GRID_MINUTES
from guichet_kb.facts import APPOINTMENT_MAX_MINUTES
from guichet_kb.facts import APPOINTMENT_MIN_MINUTES
from guichet_kb.hours.validation import HoursError
from guichet_kb.hours.validation import parse_date
from guichet_kb.hours.validation import parse_time
import re


_CODE_RE = re.compile(rf"^{AGENDA_CODE_PATTERN}$")


class AgendaError(HoursError):
    """A readable problem with an agenda's tables (msgid, English default, mapping)."""


def _code(value, msgid, default):
    code = (value or "").strip() if isinstance(value, str) else ""
    if not _CODE_RE.match(code):
        raise AgendaError(msgid, default, code=str(value or ""))
    return code


def _unique(codes, msgid, default):
    seen = set()
    for code in codes:
        if code in seen:
            raise AgendaError(msgid, default, code=code)
        seen.add(code)


def counter_type_codes(value):
    """'cni, retrait' -> ('cni', 'retrait'); empty -> () (every type)."""
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def check_types(rows):
    """Validate appointment-type rows; return them as dicts with an int duration."""
    rows = list(rows or ())
    if not rows:
        raise AgendaError("error_agenda_no_type", "Give at least one appointment type.")
    low, high = APPOINTMENT_MIN_MINUTES, APPOINTMENT_MAX_MINUTES
    parsed = []
    for row in rows:
        code = _code(row.get("code"), "error_agenda_type_code", "Invalid appointment type code '{code}': letters, digits, - and _ only (at most 20).")
        duration = row.get("duration")
        if isinstance(duration, bool) or not isinstance(duration, int) or not low <= duration <= high or duration % APPOINTMENT_GRID_MINUTES:
            raise AgendaError(
                "error_agenda_duration",
                "Appointment type '{code}': the duration must be a multiple of {grid} minutes from {low} to {high} minutes.",
                code=code,
                grid=str(APPOINTMENT_GRID_MINUTES),
                low=str(low),
                high=str(high),
            )
        parsed.append({**row, "code": code, "duration": duration})
    _unique((row["code"] for row in parsed), "error_agenda_type_twice", "The appointment type code '{code}' is used twice.")
    return parsed


def check_counters(rows, serves="types"):
    """Validate counter rows (their own table only); return them with their ``serves``
    column (an agenda's `types`, a queue's `prefixes`: queues/validation.py) as a tuple."""
    rows = list(rows or ())
    if not rows:
        raise AgendaError("error_agenda_no_counter", "Give at least one counter.")
    parsed = []
    for row in rows:
        code = _code(row.get("code"), "error_agenda_counter_code", "Invalid counter code '{code}': letters, digits, - and _ only (at most 20).")
        parsed.append({**row, "code": code, serves: counter_type_codes(row.get(serves))})
    _unique((row["code"] for row in parsed), "error_agenda_counter_twice", "The counter code '{code}' is used twice.")
    return parsed


def check_served(codes, counters, serves, unknown, unserved, error=AgendaError, key="code"):
    """Counters name (in their ``serves`` column) existing ``codes`` only, and every code
    has a counter serving it (an empty column serves all). ``unknown`` and ``unserved``
    are (msgid, default) of the refusals, raised as ``error`` with the counter and the
    code under ``key`` (an agenda's types here, a queue's prefixes: queues/validation.py)."""
    served = set()
    for row in counters or ():
        named = counter_type_codes(row.get(serves))
        for code in named:
            if code not in codes:
                raise error(*unknown, counter=(row.get("code") or "").strip(), **{key: code})
        served.update(named or codes)
    for code in codes:
        if code not in served:
            raise error(*unserved, **{key: code})


def check_counter_types(types, counters):
    """Counters name existing types only, and every type has a counter serving it."""
    check_served(
        [(row.get("code") or "").strip() for row in types or ()],
        counters,
        "types",
        ("error_agenda_counter_type", "Counter '{counter}': there is no appointment type '{code}'."),
        ("error_agenda_type_unserved", "No counter serves the appointment type '{code}'."),
    )


def check_closures(rows):
    """Validate closure rows; return dicts with parsed dates and times (None: whole days)."""
    parsed = []
    for row in rows or ():
        label = row.get("label") or ""
        start = parse_date(row.get("start"))
        end = parse_date(row.get("end")) if row.get("end") else start
        if end < start:
            raise AgendaError(
                "error_agenda_closure_end",
                "Closure '{label}': the end date {end} is before the start date {start}.",
                label=label,
                start=start.isoformat(),
                end=end.isoformat(),
            )
        opens, closes = row.get("opens") or None, row.get("closes") or None
        if (opens is None) != (closes is None):
            raise AgendaError(
                "error_agenda_closure_times",
                "Closure '{label}': give both times of the closed part of the day, or neither to close whole days.",
                label=label,
            )
        if opens is not None:
            opens, closes = parse_time(opens), parse_time(closes)
            if closes <= opens:
                raise AgendaError(
                    "error_agenda_closure_order",
                    "Closure '{label}': the closed part must end after it starts ({opens}-{closes}).",
                    label=label,
                    opens=opens.strftime("%H:%M"),
                    closes=closes.strftime("%H:%M"),
                )
        parsed.append({"start": start, "end": end, "opens": opens, "closes": closes, "label": label})
    return parsed


def check_count(value):
    """A lead or a limit: a whole number, zero or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise AgendaError("error_agenda_count", "Give a whole number, zero or more.")
    return value
