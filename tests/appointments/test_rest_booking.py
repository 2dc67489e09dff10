"""POST @bookings end to end over real HTTP: the answer, the store, the confirmation
e-mail through a real SMTP server (its exact text, its HTML, its iCalendar file); an
agent booking for a caller; every bad input refused with its message, nothing stored."""

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
from datetime import timedelta
from datetime import timezone
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.facts import BOOKING_FLOOD_LIMIT
from guichet_kb.testing import DEMO_PASSWORD
from guichet_kb.testing import PUBLIC_SITE_URL
import pytest


@pytest.fixture
def items(catalogue):
    ratelimit.clear()
    return bookable(catalogue)


def confirmation_text(code, link, site):
    return (
        "Bonjour Camille Essai 0,\n\n"
        "Votre rendez-vous est confirmé.\n\n"
        f"Démarche : {SHEET_TITLE} — Dépôt du dossier\n"
        f"Date : lundi {MONDAY.day} {MONTHS_FR[MONDAY.month - 1]} {MONDAY.year} à 10:20 (20 min)\n"
        f"Lieu : {DESK_TITLE}, {ADDRESS}\n"
        f"Code du rendez-vous : {code}\n\n"
        "Pièces à apporter :\n"
        "- Pièce d'identité d'essai (obligatoire, original)\n"
        "- Photo d'identité d'essai (facultative, copie)\n\n"
        f"Pour déplacer ou annuler ce rendez-vous : {link}\n"
        f"Toutes les informations sur cette démarche : {site}/demarches/{SHEET}\n"
        "Vos nom et adresse e-mail sont effacés 7 jours après le rendez-vous.\n"
    ).replace("\n", "\r\n")


MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


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
        "service": {"uid": items[SHEET].UID(), "title": SHEET_TITLE, "url": f"{site}/demarches/{SHEET}"},
        "desk": {"uid": booking["desk"]["uid"], "title": DESK_TITLE, "url": booking["desk"]["url"], "address": ADDRESS},
        "agenda": agenda.UID(),
        "checklist": ["Pièce d'identité d'essai (obligatoire, original)", "Photo d'identité d'essai (facultative, copie)"],
        "name": "Camille Essai 0",
        "channel": "online",
        "reminder_at": None,  # booked inside the 48 hours before: the confirmation says it all
        "token": token,
        "links": {"manage": link},
    }
    assert "camille0@example.org" not in reply.text and "06 12 34 56 78" not in reply.text
    assert count(agenda) == 1
    [mail] = mails
    assert mail["to"] == ["camille0@example.org"]
    assert mail["subject"] == f"Rendez-vous confirmé : {SHEET_TITLE}, lundi {MONDAY.day} {MONTHS_FR[MONDAY.month - 1]} {MONDAY.year} à 10:20"
    assert mail["body"] == confirmation_text(code, link, site)
    assert f'<a href="{link}">{link}</a>' in mail["html"]
    assert "<li>Photo d&#x27;identité d&#x27;essai (facultative, copie)</li>" in mail["html"]
    assert mail["attachments"] == [f"rendez-vous-{code}.ics"]
    ics = mail["calendar"].split("\r\n")
    utc = start.astimezone(timezone.utc)
    assert ics[:6] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Guichet KB//Rendez-vous//FR",
        "METHOD:PUBLISH",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
    ]
    assert f"UID:{code.replace('-', '')}@rendez-vous.guichet-kb" in ics
    assert f"DTSTART:{utc:%Y%m%dT%H%M%SZ}" in ics
    assert f"DTEND:{utc + timedelta(minutes=20):%Y%m%dT%H%M%SZ}" in ics
    assert f"SUMMARY:{SHEET_TITLE}" in ics and "STATUS:CONFIRMED" in ics
    assert "LOCATION:Guichet des titres d'essai\\, 1 rue d'Essai\\, 99000 Ville-Essai" in ics


def test_an_agent_books_for_a_caller(items, site, rest, inbox):
    from guichet_kb.appointments import store

    agenda = items[AGENDA]
    with clock.frozen(MONDAY_8AM - timedelta(days=7)):
        reply = rest("agent").post(f"{site}/@bookings", json=body(agenda.UID(), at(MONDAY, 9, 0)))
        assert reply.status_code == 201, reply.text
        inbox.wait(1)
    booking = reply.json()
    assert booking["channel"] == "agent"
    assert booking["reminder_at"] == at(MONDAY - timedelta(days=2), 9, 0).isoformat()
    assert count(agenda) == 1
    stored = store.find(booking["code"])[1]
    assert (stored.agent, stored.channel, stored.email) == ("agent", "agent", "camille0@example.org")
    assert len(inbox.messages) == 1


def test_a_taken_slot_answers_409_with_the_next_free_ones(items, site, rest, inbox):
    agenda, start = items[AGENDA], at(MONDAY, 10, 20)
    with clock.frozen(MONDAY_8AM):
        for index in (0, 1):  # two counters: two bookings at 10:20
            assert rest(None).post(f"{site}/@bookings", json=body(agenda.UID(), start, index)).status_code == 201
        reply = rest(None).post(f"{site}/@bookings", json=body(agenda.UID(), start, 2))
    assert reply.status_code == 409
    assert reply.json() == {
        "error": {"type": "Conflict", "message": "Ce créneau vient d'être pris."},
        "slots": [
            {
                "start": at(MONDAY, hour, minute).isoformat(),
                "end": (at(MONDAY, hour, minute) + timedelta(minutes=20)).isoformat(),
                "type": "depot",
                "free": 2,
            }
            for hour, minute in ((10, 40), (11, 0), (11, 20), (11, 40), (12, 0))
        ],
    }
    assert count(agenda) == 2


def retract(item):
    """Back to private (the builders publish what they make), committed for the server."""
    from plone import api
    import transaction

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(item, transition="retract")
    transaction.commit()


def _refused(rest, site, data, user=None):
    return rest(user).post(f"{site}/@bookings", json=data)


def test_bad_input_is_refused_and_nothing_is_stored(site, rest, inbox, catalogue):
    from booking_helpers import DESK
    from booking_helpers import person
    from catalogue_factory import agenda as agenda_item
    from catalogue_factory import appointment_type

    ratelimit.clear()
    items = bookable(catalogue, extra=[agenda_item("rdv-brouillon", "Agenda brouillon", DESK, [appointment_type("depot", SHEET)])])
    agenda, draft = items[AGENDA], items["rdv-brouillon"]
    uid = agenda.UID()
    retract(draft)
    ok = at(MONDAY, 10, 20)
    cases = [
        ({"agenda": uid}, 400, "Attendu : un objet JSON avec agenda, type, start, name, email et, au choix, phone ; rien d'autre."),
        ({**body(uid, ok), "comment": "x"}, 400, "Attendu : un objet JSON avec agenda, type, start, name, email et, au choix, phone ; rien d'autre."),
        (body("0" * 32, ok), 400, "« agenda » doit être l'UID d'un agenda publié."),
        (body(draft.UID(), ok), 400, "« agenda » doit être l'UID d'un agenda publié."),
        (body(items[SHEET].UID(), ok), 400, "« agenda » doit être l'UID d'un agenda publié."),
        (
            {**body(uid, ok), "start": "2026-12-14T10:20:00"},
            400,
            "« start » doit être une date et une heure ISO 8601 avec leur décalage, par exemple 2026-12-03T09:20:00+01:00.",
        ),
        (
            {**body(uid, ok), "start": "demain"},
            400,
            "« start » doit être une date et une heure ISO 8601 avec leur décalage, par exemple 2026-12-03T09:20:00+01:00.",
        ),
        (body(uid, ok, type="retrait"), 400, "Cet agenda n'a pas de type de rendez-vous avec ce code."),
        (body(uid, at(MONDAY, 18, 0)), 400, "Cet horaire est en dehors des heures d'ouverture de l'agenda ou n'est pas l'un de ses créneaux."),
        (body(uid, at(MONDAY, 10, 25)), 400, "Cet horaire est en dehors des heures d'ouverture de l'agenda ou n'est pas l'un de ses créneaux."),
        (body(uid, at(MONDAY - timedelta(days=1), 10, 20)), 400, "Ce créneau est passé."),
        (body(uid, at(MONDAY, 9, 0)), 400, "Réservez au moins 2 heures à l'avance."),
        (body(uid, at(MONDAY + timedelta(days=61), 10, 20)), 400, "Réservez au plus 60 jours à l'avance."),
        ({**body(uid, ok), **person(email="camille.example.org")}, 400, "Ce n'est pas une adresse électronique valide."),
        ({**body(uid, ok), "name": "  "}, 400, "« name » doit compter de 1 à 100 caractères."),
        ({**body(uid, ok), "name": "x" * 101}, 400, "« name » doit compter de 1 à 100 caractères."),
        ({**body(uid, ok), "name": "Camille 06 12 34 56 78"}, 400, "« name » ne doit contenir qu'un nom, ni adresse e-mail ni numéro de téléphone."),
        ({**body(uid, ok), "name": "camille@example.org"}, 400, "« name » ne doit contenir qu'un nom, ni adresse e-mail ni numéro de téléphone."),
        (
            {**body(uid, ok), "phone": "appelez-moi"},
            400,
            "« phone » doit être un numéro de téléphone (chiffres, espaces, points, tirets, un + au début si besoin).",
        ),
    ]
    with clock.frozen(MONDAY_8AM):
        for data, status, message in cases:
            ratelimit.clear()  # each case on its own: the flood limit has its own test
            reply = _refused(rest, site, data)
            assert (reply.status_code, reply.json()["error"]["message"]) == (status, message), data
        for index in (0, 1):  # the per-person limit: 2 upcoming bookings per e-mail address
            assert _refused(rest, site, body(uid, at(MONDAY, 11, 20 * index), index=7)).status_code == 201
        beyond = _refused(rest, site, body(uid, at(MONDAY, 14, 0), index=7))
    assert beyond.status_code == 409
    assert beyond.json()["error"]["message"] == "Cette adresse électronique a déjà 2 rendez-vous à venir ici : annulez-en un d'abord."
    assert count(agenda) == 2
    inbox.wait(len(inbox.messages) + 2)  # the catalogue's review mails came first
    assert [mail["to"] for mail in inbox.messages if mail["attachments"]] == [["camille7@example.org"]] * 2


def test_a_booking_flood_from_one_client_gets_429(items, site, rest, inbox):
    agenda = items[AGENDA]
    with clock.frozen(MONDAY_8AM):
        answers = [
            _refused(rest, site, body(agenda.UID(), at(MONDAY, 10 + index // 3, 20 * (index % 3)), index)) for index in range(BOOKING_FLOOD_LIMIT)
        ]
        assert [reply.status_code for reply in answers] == [201] * BOOKING_FLOOD_LIMIT
        flood = _refused(rest, site, body(agenda.UID(), at(MONDAY, 15, 0), 99))
        assert flood.status_code == 429
        assert flood.json()["error"] == {
            "type": "TooManyRequests",
            "message": "Trop de rendez-vous depuis cette connexion : réessayez dans quelques minutes.",
        }
        # staff booking for callers are not counted against the desk's own connection
        assert _refused(rest, site, body(agenda.UID(), at(MONDAY, 15, 0), 99), user="agent").status_code == 201
    assert count(agenda) == BOOKING_FLOOD_LIMIT + 1


def browser_session(site, user):
    """Logged in through the Classic UI form, as a browser: the __ac cookie."""
    import requests

    session = requests.Session()
    session.headers.update({"Accept": "application/json", "Accept-Language": "fr"})
    data = {"__ac_name": user, "__ac_password": DEMO_PASSWORD, "came_from": site, "buttons.login": "Se connecter", "form.submitted": "1"}
    assert session.post(f"{site}/login", headers={"Accept": "text/html"}, data=data).status_code == 200 and "__ac" in session.cookies
    return session


def test_a_browser_session_of_staff_must_send_the_csrf_token(items, site, rest):
    agenda = items[AGENDA]
    session = browser_session(site, "agent")
    origin = "/".join(site.split("/")[:3])
    with clock.frozen(MONDAY_8AM):
        reply = session.post(f"{site}/@bookings", json=body(agenda.UID(), at(MONDAY, 10, 20)), headers={"Origin": origin})
    assert reply.status_code == 403
    assert reply.json()["error"]["message"] == "Rechargez la page : son jeton de sécurité manque ou a expiré."
    assert count(agenda) == 0
