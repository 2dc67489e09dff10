"""The iCalendar file of a booking (appointments/ical.py), Zope-free."""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from guichet_kb.appointments import ical
import pytest
from zoneinfo import ZoneInfo


PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 12, 14, 10, 20, tzinfo=PARIS)


def test_the_event_in_utc_with_crlf_lines():
    text = ical.calendar(
        "ABCD-EFGH", START, START + timedelta(minutes=20), "Carte d'identité", "Mairie, 1 place; Ville", "Code : ABCD-EFGH\nPièces", START
    )
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert text.split("\r\n")[:-1] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Guichet KB//Rendez-vous//FR",
        "METHOD:PUBLISH",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        "UID:ABCDEFGH@rendez-vous.guichet-kb",
        "DTSTAMP:20261214T092000Z",
        "DTSTART:20261214T092000Z",
        "DTEND:20261214T094000Z",
        "SEQUENCE:0",
        "STATUS:CONFIRMED",
        "SUMMARY:Carte d'identité",
        "LOCATION:Mairie\\, 1 place\\; Ville",
        "DESCRIPTION:Code : ABCD-EFGH\\nPièces",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]


def test_summer_time_and_a_cancellation():
    summer = datetime(2027, 7, 1, 9, 0, tzinfo=PARIS)
    text = ical.calendar("ABCD-EFGH", summer, summer + timedelta(minutes=5), "Retrait", "", stamp=summer, sequence=3, status="CANCELLED")
    assert "DTSTART:20270701T070000Z\r\n" in text and "SEQUENCE:3\r\n" in text and "STATUS:CANCELLED\r\n" in text
    assert "DESCRIPTION" not in text


def test_long_lines_are_folded_at_75_octets():
    text = ical.calendar("ABCD-EFGH", START, START + timedelta(minutes=20), "é" * 100, "x")
    summary = text.split("SUMMARY:")[1].split("\r\nLOCATION")[0]
    pieces = summary.split("\r\n ")
    assert "".join(pieces) == "é" * 100
    assert all(len(("SUMMARY:" + piece if index == 0 else " " + piece).encode()) <= 75 for index, piece in enumerate(pieces))


def test_bad_values_are_refused():
    with pytest.raises(ValueError):
        ical.calendar("ABCD-EFGH", START.replace(tzinfo=None), START + timedelta(minutes=5), "x", "y")
    with pytest.raises(ValueError):
        ical.calendar("ABCD-EFGH", START, START, "x", "y")
    with pytest.raises(ValueError):
        ical.calendar("ABCD-EFGH", START, START + timedelta(minutes=5), "x", "y", status="MAYBE")
    assert ical.utc(datetime(2026, 1, 1, tzinfo=timezone.utc)) == "20260101T000000Z"
