"""GET @slots over real HTTP: the shape, the next slots, the days, a booking taking a
slot away, caching headers, every bad parameter, nothing unpublished, no write."""

from booking_helpers import ADDRESS
from booking_helpers import AGENDA
from booking_helpers import at
from booking_helpers import body
from booking_helpers import bookable
from booking_helpers import DESK
from booking_helpers import DESK_TITLE
from booking_helpers import MONDAY
from booking_helpers import MONDAY_8AM
from booking_helpers import SHEET
from booking_helpers import SHEET_TITLE
from datetime import timedelta
from guichet_kb import clock
from guichet_kb import ratelimit
import pytest


@pytest.fixture
def items(catalogue):
    ratelimit.clear()
    return bookable(catalogue)


def slot(hour, minute, free=2):
    start = at(MONDAY, hour, minute)
    return {"start": start.isoformat(), "end": (start + timedelta(minutes=20)).isoformat(), "type": "depot", "free": free}


def test_the_free_slots_of_a_service(items, site, rest):
    sheet, agenda, desk = items[SHEET], items[AGENDA], items[DESK]
    with clock.frozen(MONDAY_8AM):
        reply = rest(None).get(f"{site}/@slots", params={"service": sheet.UID(), "from": MONDAY.isoformat(), "days": "2"})
    assert reply.status_code == 200, reply.text
    assert reply.headers["Cache-Control"] == "public, max-age=30"
    data = reply.json()
    [found] = data["agendas"]
    monday = [slot(hour, minute) for hour in range(10, 17) for minute in (0, 20, 40)]  # from 10:00: 2 hours' lead
    tuesday_first = at(MONDAY + timedelta(days=1), 9, 0)
    assert data["service"] == {"uid": sheet.UID(), "title": SHEET_TITLE, "url": f"{site}/demarches/{SHEET}"}
    assert (data["from"], data["to"]) == (MONDAY.isoformat(), (MONDAY + timedelta(days=1)).isoformat())
    assert {key: found[key] for key in ("uid", "title", "desk", "types", "next")} == {
        "uid": agenda.UID(),
        "title": "Rendez-vous des titres d'essai",
        "desk": {"uid": desk.UID(), "title": DESK_TITLE, "url": f"{site}/guichets/{DESK}", "address": ADDRESS},
        "types": [{"code": "depot", "label": "Dépôt du dossier", "duration": 20}],
        "next": monday[:5],
    }
    assert [day["date"] for day in found["days"]] == [MONDAY.isoformat(), (MONDAY + timedelta(days=1)).isoformat()]
    assert found["days"][0]["slots"] == monday
    assert found["days"][1]["slots"][0] == {
        **slot(9, 0),
        "start": tuesday_first.isoformat(),
        "end": (tuesday_first + timedelta(minutes=20)).isoformat(),
    }
    assert len(found["days"][1]["slots"]) == 24


def test_a_booking_takes_its_slot_away(items, site, rest, inbox):
    sheet, agenda = items[SHEET], items[AGENDA]
    query = {"service": sheet.UID(), "desk": items[DESK].UID(), "type": "depot", "from": MONDAY.isoformat(), "days": "1"}
    with clock.frozen(MONDAY_8AM):
        for index in (0, 1):
            assert rest(None).post(f"{site}/@bookings", json=body(agenda.UID(), at(MONDAY, 10, 0), index)).status_code == 201
        assert rest(None).post(f"{site}/@bookings", json=body(agenda.UID(), at(MONDAY, 10, 20), 2)).status_code == 201
        found = rest(None).get(f"{site}/@slots", params=query).json()["agendas"][0]
    assert found["next"] == [slot(10, 20, free=1), slot(10, 40), slot(11, 0), slot(11, 20), slot(11, 40)]


def test_staff_answers_are_private(items, site, rest):
    with clock.frozen(MONDAY_8AM):
        reply = rest("agent").get(f"{site}/@slots", params={"service": items[SHEET].UID()})
    assert reply.status_code == 200 and reply.headers["Cache-Control"] == "private, no-cache"
    assert len(reply.json()["agendas"][0]["days"]) == 14


def test_every_bad_parameter_is_a_400(items, site, rest, catalogue):
    from catalogue_factory import standalone_sheet

    other = catalogue(*standalone_sheet("sans-rdv", "Sans rendez-vous"))["sans-rdv"]
    uid = items[SHEET].UID()
    cases = [
        ({}, "« service » doit être l'UID d'une fiche démarche publiée."),
        ({"service": "0" * 32}, "« service » doit être l'UID d'une fiche démarche publiée."),
        ({"service": items[DESK].UID()}, "« service » doit être l'UID d'une fiche démarche publiée."),
        ({"service": uid, "desk": uid}, "« desk » doit être l'UID d'un guichet publié."),
        ({"service": uid, "type": "retrait"}, "« type » doit être le code d'un type de rendez-vous proposé pour cette démarche."),
        ({"service": other.UID(), "type": "depot"}, "« type » doit être le code d'un type de rendez-vous proposé pour cette démarche."),
        ({"service": uid, "from": "14/12/2026"}, "« from » doit être une date AAAA-MM-JJ."),
        ({"service": uid, "from": "2026-02-30"}, "« from » doit être une date AAAA-MM-JJ."),
        ({"service": uid, "from": "1900-01-01"}, "« from » doit être compris entre le 1970-01-01 et le 2199-12-31."),
        ({"service": uid, "days": "0"}, "« days » doit être un nombre entier de 1 à 62."),
        ({"service": uid, "days": "63"}, "« days » doit être un nombre entier de 1 à 62."),
        ({"service": uid, "days": "deux"}, "« days » doit être un nombre entier de 1 à 62."),
        ({"service": uid, "desde": "x"}, "Paramètre(s) inconnu(s) : desde. Acceptés : service, desk, type, from, days."),
        ({"service": [uid, uid]}, "Donnez « service » une seule fois."),
    ]
    with clock.frozen(MONDAY_8AM):
        for params, message in cases:
            reply = rest(None).get(f"{site}/@slots", params=params)
            assert (reply.status_code, reply.json()["error"]["message"]) == (400, message), params
        assert rest(None).get(f"{site}/@slots", params={"service": other.UID()}).json()["agendas"] == []


def test_nothing_unpublished_is_offered(site, rest, catalogue):
    from catalogue_factory import agenda
    from catalogue_factory import appointment_type
    from plone import api
    import transaction

    items = bookable(catalogue, extra=[agenda("rdv-second", "Second agenda", DESK, [appointment_type("depot", SHEET)])])
    with clock.frozen(MONDAY_8AM):
        assert len(rest(None).get(f"{site}/@slots", params={"service": items[SHEET].UID()}).json()["agendas"]) == 2
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(items["rdv-second"], transition="retract")
    transaction.commit()
    with clock.frozen(MONDAY_8AM):
        listed = rest(None).get(f"{site}/@slots", params={"service": items[SHEET].UID()}).json()["agendas"]
        assert [found["uid"] for found in listed] == [items[AGENDA].UID()]
        staff = rest("agent").get(f"{site}/@slots", params={"service": items[SHEET].UID()}).json()["agendas"]
        assert [found["uid"] for found in staff] == [items[AGENDA].UID()]  # a draft agenda is bookable by nobody
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(items[SHEET], transition="retract")
    transaction.commit()
    with clock.frozen(MONDAY_8AM):
        reply = rest(None).get(f"{site}/@slots", params={"service": items[SHEET].UID()})
    assert (reply.status_code, reply.json()["error"]["message"]) == (400, "« service » doit être l'UID d'une fiche démarche publiée.")


def test_get_slots_writes_nothing(items, site, rest, functional):
    db = functional["portal"]._p_jar.db()
    before = db.lastTransaction()
    with clock.frozen(MONDAY_8AM):
        for user in (None, "agent"):
            assert rest(user).get(f"{site}/@slots", params={"service": items[SHEET].UID(), "days": "62"}).status_code == 200
    assert db.lastTransaction() == before
