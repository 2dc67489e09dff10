"""The iCalendar (RFC 5545) file of a booking, attached to its e-mails. Imports nothing from Zope.

One VEVENT in a VCALENDAR with METHOD:PUBLISH (a file to add to one's calendar, no
invitation to answer): UID from the booking code, so the calendar replaces the event
when the booking is moved (SEQUENCE grows with each move) or cancelled (STATUS:CANCELLED);
DTSTART, DTEND and DTSTAMP in UTC; SUMMARY, LOCATION and DESCRIPTION escaped and
folded at 75 octets, lines ended with CRLF. Nothing personal: no name, no address of
the citizen, only the desk's.
"""

from datetime import timezone


PRODID = "-//Guichet KB//Rendez-vous//FR"
UID_DOMAIN = "rendez-vous.guichet-kb"
STATUSES = ("CONFIRMED", "CANCELLED")


def utc(moment):
    """An aware datetime as an iCalendar UTC date-time: 20261203T083000Z."""
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def escape(text):
    """TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline."""
    return str(text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")


def fold(line):
    """A content line folded at 75 octets (continuations start with a space), UTF-8 safe."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not out else 74):
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def uid(code):
    return f"{code.replace('-', '').upper()}@{UID_DOMAIN}"


def calendar(code, start, end, summary, location, description="", stamp=None, sequence=0, status="CONFIRMED"):
    """The text of the .ics file (CRLF line ends)."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    if end <= start:
        raise ValueError("the end must come after the start")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "METHOD:PUBLISH",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid(code)}",
        f"DTSTAMP:{utc(stamp or start)}",
        f"DTSTART:{utc(start)}",
        f"DTEND:{utc(end)}",
        f"SEQUENCE:{int(sequence)}",
        f"STATUS:{status}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(location)}",
        *([f"DESCRIPTION:{escape(description)}"] if description else []),
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
