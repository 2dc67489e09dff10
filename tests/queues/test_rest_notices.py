"""The notices over real HTTP with a real SMTP server: « Bientôt votre tour » once, when the
forecast call is notify_minutes away (the clock shifted between requests, never while the
server serves), « C'est votre tour » when a counter calls the ticket (queues.notices.
announce_call, as the counter actions do); who may run the job; the CLI; and the nightly
job erasing the contacts of past days' tickets."""

from booking_helpers import at
from booking_helpers import MONDAY
from datetime import timedelta
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.agent.cli import main as cli
from guichet_kb.testing import DEMO_PASSWORD
import pytest
from ticket_helpers import call_next
from ticket_helpers import DESK_TITLE
from ticket_helpers import finish
from ticket_helpers import MONDAY_10AM
from ticket_helpers import open_counters
from ticket_helpers import QUEUE
from ticket_helpers import queueable
from ticket_helpers import ticket_mails


@pytest.fixture
def line(catalogue, site, rest, inbox):
    """One counter open at 10:00; E001 and E002 without contact, E003 with an address."""
    ratelimit.clear()
    queue = queueable(catalogue)[QUEUE]
    open_counters(queue, ["poste-1"], MONDAY_10AM)
    with clock.frozen(MONDAY_10AM):
        for _index in range(2):
            rest(None).post(f"{site}/@queue-tickets", json={"queue": queue.UID()})
        mine = rest(None).post(f"{site}/@queue-tickets", json={"queue": queue.UID(), "email": "camille@example.org"}).json()
    ticket_mails(inbox, 1)
    return queue, mine


def notify(rest, site, user, when):
    with clock.frozen(when):
        return rest(user).post(f"{site}/@queue-notifications", json={})


def test_the_near_notice_goes_once_at_the_right_time(line, site, rest, inbox, site_administrator):
    queue, mine = line
    assert mine["wait_minutes"] == 20  # E001 at 10:00, E002 at 10:10, E003 at 10:20
    call_next(queue, "poste-1", MONDAY_10AM)  # E001 at the counter until about 10:10
    assert notify(rest, site, site_administrator, at(MONDAY, 10, 5)).json() == {"sent": 0}  # E003: 15 min away
    finish_and_call(queue, at(MONDAY, 10, 10))  # E002 called: E003 next, about 10:20
    first = notify(rest, site, site_administrator, at(MONDAY, 10, 10))
    assert (first.status_code, first.json()) == (200, {"sent": 1})
    assert notify(rest, site, site_administrator, at(MONDAY, 10, 11)).json() == {"sent": 0}
    mails = ticket_mails(inbox, 2)
    assert len(mails) == 2
    near = mails[-1]
    assert near["to"] == ["camille@example.org"]
    assert near["subject"] == f"Bientôt votre tour : E003, {DESK_TITLE}"
    lines = near["body"].split("\r\n")
    assert lines[:3] == ["Bonjour,", "", "Votre tour approche : le ticket E003 va bientôt être appelé."]
    assert "Attente estimée : environ 10 min (0 personne(s) avant vous)." in lines
    assert f"Rendez-vous à : {DESK_TITLE}, 1 rue d'Essai, 99000 Ville-Essai" in lines
    assert any(line.startswith("Suivre votre place dans la file, ou la quitter : http") and mine["code"] in line for line in lines)


def finish_and_call(queue, when):
    finish(queue, "poste-1", when)
    call_next(queue, "poste-1", when)


def test_the_called_notice(line, site, rest, inbox):
    from guichet_kb.queues import notices
    from guichet_kb.queues import store
    import transaction

    queue, mine = line
    transaction.begin()
    _queue, ticket = store.find(mine["code"])
    assert notices.announce_call(ticket, "Poste 1", MONDAY_10AM) == 1
    assert notices.announce_call(ticket, "Poste 1", MONDAY_10AM) == 0  # once
    transaction.commit()
    called = ticket_mails(inbox, 2)[-1]
    assert called["subject"] == "C'est votre tour : E003, Poste 1"
    lines = called["body"].split("\r\n")
    assert lines[:3] == ["Bonjour,", "", "Le ticket E003 est appelé : présentez-vous maintenant à Poste 1."]
    assert (
        "Si vous n'êtes pas au poste d'ici 3 minutes, votre ticket est marqué absent (vous pourrez alors reprendre place une fois dans la file)."
        in lines
    )


def test_only_administrators_run_the_job(rest, site, functional):
    assert rest(None).post(f"{site}/@queue-notifications", json={}).status_code == 401
    refused = rest("agent").post(f"{site}/@queue-notifications", json={})
    assert (refused.status_code, refused.json()["error"]["message"]) == (403, "Votre compte n'a pas le droit de faire cela.")
    bad = rest("admin").post(f"{site}/@queue-notifications", json={"force": True})
    assert (bad.status_code, bad.json()["error"]["message"]) == (400, "Attendu : aucun corps, ou {}.")


def test_the_cli_sends_the_due_notices(line, site, capsys, site_administrator):
    queue, _mine = line
    call_next(queue, "poste-1", MONDAY_10AM)
    finish_and_call(queue, at(MONDAY, 10, 10))
    with clock.frozen(at(MONDAY, 10, 10) + timedelta(seconds=30)):
        code = cli(["--url", site, "--user", site_administrator, "--password", DEMO_PASSWORD, "queue-notify"])
        assert (code, capsys.readouterr().out) == (0, "1 queue notice(s) sent.\n")
        code = cli(["--url", site, "--user", "agent", "--password", DEMO_PASSWORD, "queue-notify", "--every", "15"])
    assert code == 4 and "403" in capsys.readouterr().err  # a refusal stops the loop at once
    with pytest.raises(SystemExit):
        cli(["--url", site, "queue-notify", "--every", "0"])
    assert "a whole number of seconds from 1 to 3600" in capsys.readouterr().err


def test_the_nightly_job_erases_past_contacts(line, site, rest, site_administrator):
    from guichet_kb.queues import store
    import transaction

    _queue, mine = line
    with clock.frozen(at(MONDAY + timedelta(days=1), 1, 30)):
        job = rest(site_administrator).post(f"{site}/@daily-rollup", json={}).json()
        assert job["queue_tickets_erased"] == 3  # the day's three tickets closed and erased, E003's address with them
        assert rest(site_administrator).post(f"{site}/@daily-rollup", json={}).json()["queue_tickets_erased"] == 0
    transaction.begin()
    assert store.find(mine["code"])[1].email is None
