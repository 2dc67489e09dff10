"""The booking behind its link over real HTTP: GET, PATCH (move), DELETE (cancel) with
the token; forged, foreign and expired links; a move onto a taken slot; staff without
a token. Each refusal leaves the booking as it was."""

from booking_helpers import AGENDA
from booking_helpers import at
from booking_helpers import body
from booking_helpers import bookable
from booking_helpers import booking_mails
from booking_helpers import count
from booking_helpers import MONDAY
from booking_helpers import MONDAY_8AM
from datetime import timedelta
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.testing import PUBLIC_SITE_URL
import pytest


NO_BOOKING = "Aucun rendez-vous ne correspond à ce lien : vérifiez l'adresse reçue par e-mail, ou le code."
EXPIRED = "Ce lien a expiré : le rendez-vous a commencé ou a été déplacé (utilisez le lien du dernier e-mail)."


@pytest.fixture
def booked(catalogue, site, rest, inbox):
    """(agenda, the booking's JSON) of a booking at 10:20 on MONDAY, made at 08:00."""
    ratelimit.clear()
    agenda = bookable(catalogue)[AGENDA]
    with clock.frozen(MONDAY_8AM):
        reply = rest(None).post(f"{site}/@bookings", json=body(agenda.UID(), at(MONDAY, 10, 20), phone="0612345678"))
    assert reply.status_code == 201, reply.text
    booking_mails(inbox, 1)
    return agenda, reply.json()


def url(site, booking, code=None):
    return f"{site}/@bookings/{code or booking['code']}"


def test_the_link_shows_the_booking_and_never_its_contact(booked, site, rest):
    _agenda, booking = booked
    with clock.frozen(MONDAY_8AM):
        reply = rest(None).get(url(site, booking), params={"token": booking["token"]})
    assert reply.status_code == 200
    assert reply.headers["Cache-Control"] == "private, no-store"
    assert reply.json() == {key: value for key, value in booking.items() if key not in ("token", "links")}
    assert "camille0@example.org" not in reply.text and "0612345678" not in reply.text


def test_forged_foreign_and_unknown_links_read_the_same(booked, site, rest):
    agenda, booking = booked
    with clock.frozen(MONDAY_8AM):
        other = rest(None).post(f"{site}/@bookings", json=body(agenda.UID(), at(MONDAY, 11, 0), 1)).json()
        token = booking["token"]
        cases = [
            (booking["code"], token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")),  # altered signature
            (booking["code"], other["token"]),  # another booking's link
            (booking["code"], "x"),
            (booking["code"], None),  # no token, anonymous
            ("ZZZZ-ZZZZ", token),  # unknown code
            ("pas-un-code", token),
        ]
        for code, value in cases:
            for method in ("GET", "PATCH", "DELETE"):
                ratelimit.clear()  # the flood limit counts these too: its own test
                reply = rest(None).request(
                    method, url(site, booking, code), params={"token": value} if value else {}, json={"start": at(MONDAY, 14, 0).isoformat()}
                )
                assert (reply.status_code, reply.json()["error"]) == (404, {"type": "NotFound", "message": NO_BOOKING}), (code, value, method)
    assert rest("agent").get(url(site, booking)).json()["status"] == "booked"


def test_an_expired_link_is_gone(booked, site, rest):
    _agenda, booking = booked
    with clock.frozen(at(MONDAY, 10, 20)):
        for method in ("GET", "PATCH", "DELETE"):
            reply = rest(None).request(method, url(site, booking), params={"token": booking["token"]}, json={"start": at(MONDAY, 14, 0).isoformat()})
            assert (reply.status_code, reply.json()["error"]) == (410, {"type": "Gone", "message": EXPIRED})
    with clock.frozen(at(MONDAY, 10, 20)):
        assert rest("agent").get(url(site, booking)).json()["status"] == "booked"  # staff: no link needed


def test_a_move_makes_a_new_link_and_mails_it(booked, site, rest, inbox):
    agenda, booking = booked
    with clock.frozen(MONDAY_8AM):
        reply = rest(None).patch(url(site, booking), params={"token": booking["token"]}, json={"start": at(MONDAY, 14, 0).isoformat()})
        assert reply.status_code == 200, reply.text
        moved = reply.json()
        assert (moved["start"], moved["end"], moved["code"]) == (at(MONDAY, 14, 0).isoformat(), at(MONDAY, 14, 20).isoformat(), booking["code"])
        assert moved["token"] != booking["token"]
        assert moved["links"]["manage"] == f"{PUBLIC_SITE_URL}/rendez-vous/{booking['code']}?token={moved['token']}"
        old = rest(None).get(url(site, booking), params={"token": booking["token"]})
        assert (old.status_code, old.json()["error"]["message"]) == (410, EXPIRED)
        assert rest(None).get(url(site, booking), params={"token": moved["token"]}).json()["start"] == at(MONDAY, 14, 0).isoformat()
        # the old slot is free again: someone else books it
        assert rest(None).post(f"{site}/@bookings", json=body(agenda.UID(), at(MONDAY, 10, 20), 1)).status_code == 201
    mails = booking_mails(inbox, 3)
    moved_mail = mails[1]
    assert moved_mail["subject"].startswith("Rendez-vous déplacé : Titre d'essai, lundi ")
    assert moved_mail["subject"].endswith(" à 14:00")
    lines = moved_mail["body"].split("\r\n")
    assert lines[2] == "Votre rendez-vous a été déplacé. Le lien précédent ne fonctionne plus : utilisez celui-ci."
    assert f"Pour déplacer ou annuler ce rendez-vous : {moved['links']['manage']}" in lines
    calendar = moved_mail["calendar"].split("\r\n")
    assert "STATUS:CONFIRMED" in calendar and f"UID:{booking['code'].replace('-', '')}@rendez-vous.guichet-kb" in calendar


def test_a_move_onto_a_taken_slot_keeps_the_booking(booked, site, rest):
    agenda, booking = booked
    with clock.frozen(MONDAY_8AM):
        for index in (1, 2):  # both counters at 14:00
            assert rest("agent").post(f"{site}/@bookings", json=body(agenda.UID(), at(MONDAY, 14, 0), index)).status_code == 201
        reply = rest(None).patch(url(site, booking), params={"token": booking["token"]}, json={"start": at(MONDAY, 14, 0).isoformat()})
        assert reply.status_code == 409
        assert reply.json()["error"] == {"type": "Conflict", "message": "Ce créneau vient d'être pris."}
        assert reply.json()["slots"][0]["start"] == at(MONDAY, 14, 20).isoformat()
        outside = rest(None).patch(url(site, booking), params={"token": booking["token"]}, json={"start": at(MONDAY, 20, 0).isoformat()})
        assert outside.status_code == 400
        bad = rest(None).patch(url(site, booking), params={"token": booking["token"]}, json={"start": "bientôt"})
        assert bad.status_code == 400
        extra = rest(None).patch(url(site, booking), params={"token": booking["token"]}, json={"start": at(MONDAY, 15, 0).isoformat(), "name": "x"})
        assert (extra.status_code, extra.json()["error"]["message"]) == (400, 'Attendu : un objet JSON {"start"[, "type"]}.')
        still = rest(None).get(url(site, booking), params={"token": booking["token"]})
    assert still.status_code == 200 and still.json()["start"] == at(MONDAY, 10, 20).isoformat()
    assert count(agenda) == 3


def test_a_cancellation_frees_the_slot_at_once(booked, site, rest, inbox):
    agenda, booking = booked
    with clock.frozen(MONDAY_8AM):
        reply = rest(None).delete(url(site, booking), params={"token": booking["token"]})
        assert reply.status_code == 200, reply.text
        assert reply.json()["status"] == "cancelled"
        again = rest(None).delete(url(site, booking), params={"token": booking["token"]})
        assert (again.status_code, again.json()["error"]["message"]) == (409, "Ce rendez-vous est passé ou annulé : il ne peut plus être modifié.")
        move = rest(None).patch(url(site, booking), params={"token": booking["token"]}, json={"start": at(MONDAY, 14, 0).isoformat()})
        assert move.status_code == 409
        for index in (1, 2):  # both counters free at 10:20 again
            assert rest(None).post(f"{site}/@bookings", json=body(agenda.UID(), at(MONDAY, 10, 20), index)).status_code == 201
    mails = booking_mails(inbox, 4)
    cancelled = mails[1]
    assert cancelled["subject"].startswith("Rendez-vous annulé : Titre d'essai, lundi ")
    lines = cancelled["body"].split("\r\n")
    assert lines[2] == "Votre rendez-vous est annulé ; le créneau est libéré pour quelqu'un d'autre."
    assert "Pièces à apporter :" not in lines
    assert "STATUS:CANCELLED" in cancelled["calendar"]


def test_a_past_booking_cannot_be_moved_by_staff(booked, site, rest):
    _agenda, booking = booked
    with clock.frozen(at(MONDAY, 11, 0)):
        reply = rest("agent").patch(url(site, booking), json={"start": at(MONDAY, 15, 0).isoformat()})
    assert (reply.status_code, reply.json()["error"]["message"]) == (409, "Ce rendez-vous est passé ou annulé : il ne peut plus être modifié.")


def test_get_with_a_token_writes_nothing(booked, site, rest, functional):
    _agenda, booking = booked
    db = functional["portal"]._p_jar.db()
    before = db.lastTransaction()
    with clock.frozen(MONDAY_8AM - timedelta(hours=1)):
        assert rest(None).get(url(site, booking), params={"token": booking["token"]}).status_code == 200
    assert db.lastTransaction() == before
