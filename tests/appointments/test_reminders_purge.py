"""Reminders (POST @appointment-reminders, the CLI, once each) and the purge of bookings'
personal data by the nightly job, over real HTTP with a real SMTP server."""

from booking_helpers import AGENDA
from booking_helpers import at
from booking_helpers import body
from booking_helpers import bookable
from booking_helpers import booking_mails
from booking_helpers import MONDAY
from booking_helpers import MONDAY_8AM
from booking_helpers import SHEET_TITLE
from datetime import timedelta
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.agent.cli import main as cli
from guichet_kb.testing import DEMO_PASSWORD
import pytest


WEEK_BEFORE = MONDAY_8AM - timedelta(days=7)
SATURDAY = MONDAY - timedelta(days=2)  # 48 hours before a Monday appointment


@pytest.fixture
def booked(catalogue, site, rest, inbox, site_administrator):
    """{name: booking JSON}: "early" (10:20) and "cancelled" (11:00), booked a week
    ahead; "late" (14:00) booked on Sunday, inside its reminder window."""
    ratelimit.clear()
    agenda = bookable(catalogue)[AGENDA]
    made = {}
    with clock.frozen(WEEK_BEFORE):
        for name, (hour, minute), index in (("early", (10, 20), 0), ("cancelled", (11, 0), 1)):
            made[name] = rest(None).post(f"{site}/@bookings", json=body(agenda.UID(), at(MONDAY, hour, minute), index)).json()
        token = made["cancelled"]["token"]
        assert rest(None).delete(f"{site}/@bookings/{made['cancelled']['code']}", params={"token": token}).status_code == 200
    with clock.frozen(at(MONDAY - timedelta(days=1), 9, 0)):
        made["late"] = rest(None).post(f"{site}/@bookings", json=body(agenda.UID(), at(MONDAY, 14, 0), 2)).json()
    booking_mails(inbox, 4)
    return made


def test_each_due_reminder_goes_once(booked, site, rest, inbox, site_administrator):
    assert booked["early"]["reminder_at"] == at(SATURDAY, 10, 20).isoformat()
    assert booked["late"]["reminder_at"] is None
    with clock.frozen(at(SATURDAY, 10, 0)):
        assert rest(site_administrator).post(f"{site}/@appointment-reminders", json={}).json() == {"reminders_sent": 0}
    with clock.frozen(at(SATURDAY, 10, 30)):
        first = rest(site_administrator).post(f"{site}/@appointment-reminders", json={})
        assert first.status_code == 200 and first.json() == {"reminders_sent": 1}
        assert rest(site_administrator).post(f"{site}/@appointment-reminders", json={}).json() == {"reminders_sent": 0}
    mails = booking_mails(inbox, 5)
    assert len(mails) == 5
    reminder = mails[-1]
    assert reminder["to"] == ["camille0@example.org"]
    assert reminder["subject"].startswith(f"Rappel : rendez-vous le lundi {MONDAY.day} ") and reminder["subject"].endswith(f" à 10:20, {SHEET_TITLE}")
    lines = reminder["body"].split("\r\n")
    assert lines[:3] == ["Bonjour Camille Essai 0,", "", "Nous vous rappelons votre rendez-vous."]
    assert "Pièces à apporter :" in lines and f"Code du rendez-vous : {booked['early']['code']}" in lines
    link = next(line for line in lines if line.startswith("Pour déplacer ou annuler ce rendez-vous : "))
    with clock.frozen(at(SATURDAY, 10, 30)):
        token = link.split("token=")[1]
        assert rest(None).get(f"{site}/@bookings/{booked['early']['code']}", params={"token": token}).json()["reminder_at"] is None


def test_only_administrators_send_reminders(rest, site):
    assert rest(None).post(f"{site}/@appointment-reminders", json={}).status_code == 401
    refused = rest("agent").post(f"{site}/@appointment-reminders", json={})
    assert (refused.status_code, refused.json()["error"]["message"]) == (403, "Votre compte n'a pas le droit de faire cela.")
    bad = rest("admin").post(f"{site}/@appointment-reminders", json={"force": True})
    assert (bad.status_code, bad.json()["error"]["message"]) == (400, "Attendu : aucun corps, ou {}.")


def test_the_cli_sends_the_due_reminders(booked, site, capsys, site_administrator, inbox):
    with clock.frozen(at(SATURDAY, 11, 0)):
        code = cli(["--url", site, "--user", site_administrator, "--password", DEMO_PASSWORD, "appointment-reminders"])
        assert (code, capsys.readouterr().out) == (0, "1 reminder e-mail(s) sent.\n")
        code = cli(["--url", site, "--user", site_administrator, "--password", DEMO_PASSWORD, "appointment-reminders"])
        assert (code, capsys.readouterr().out) == (0, "0 reminder e-mail(s) sent.\n")
        code = cli(["--url", site, "--user", "agent", "--password", DEMO_PASSWORD, "appointment-reminders"])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("guichet-kb: ") and "Traceback" not in err


def test_the_nightly_job_erases_personal_data_after_the_retention(booked, site, rest, site_administrator):
    from guichet_kb.appointments import store
    import transaction

    with clock.frozen(at(MONDAY + timedelta(days=7), 14, 0)):  # "late" ended at 14:20 a week ago: not yet
        job = rest(site_administrator).post(f"{site}/@daily-rollup", json={}).json()
        assert job["appointments_erased"] == 2  # early and cancelled
    with clock.frozen(at(MONDAY + timedelta(days=8), 2, 0)):
        assert rest(site_administrator).post(f"{site}/@daily-rollup", json={}).json()["appointments_erased"] == 1
        assert rest(site_administrator).post(f"{site}/@daily-rollup", json={}).json()["appointments_erased"] == 0
        shown = rest("agent").get(f"{site}/@bookings/{booked['early']['code']}").json()
    assert shown["name"] is None and shown["status"] == "booked"
    transaction.begin()
    for made in booked.values():
        _agenda, booking = store.find(made["code"])
        assert (booking.name, booking.email, booking.phone, booking.erased) == (None, None, None, True)
        assert booking.start.isoformat() == made["start"]  # what the counts need stays
