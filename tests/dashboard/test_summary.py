"""The monthly summary mailed to the desk's managers (POST @dashboard-summary, CLI
`guichet-kb dashboard-summary`), through the real SMTP `inbox`, clock frozen on the
1st of December 2026: it covers November beside October."""

import catalogue_factory as make
from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.agent.cli import main as cli
import pytest
import time
import transaction


MORNING = datetime(2026, 12, 1, 7, 0)
OCTOBER, NOVEMBER = datetime(2026, 10, 15, 10), datetime(2026, 11, 16, 15)


BAD_BODY = 'Aucun corps attendu, ou {"force": true} pour envoyer à nouveau le bilan du mois.'


def crlf(text):
    return text.replace("\n", "\r\n")


@pytest.fixture
def month(functional, inbox, monkeypatch):
    """A sheet of the test's own past its review date, two calls in October and four in
    November (two not answered about the sheet), a report and a feedback comment with
    personal data; the clock at 7:00 on 1 December 2026."""
    from datetime import date
    from guichet_kb.interactions import store
    from guichet_kb.stats.store import add_feedback

    items = make.publish(functional["portal"], *make.standalone_sheet("passeport-bilan", "Passeport d'essai"))
    sheet = items["passeport-bilan"]
    sheet.next_review_date = date(2020, 1, 1)
    sheet.reindexObject()
    uid, town = sheet.UID(), functional["portal"]["organismes"][make.TOWN].UID()
    with clock.frozen(OCTOBER):
        store.add(uid, "telephone", "answered")
        store.add(uid, "telephone", "answered")
    with clock.frozen(NOVEMBER):
        store.add(uid, "telephone", "answered")
        store.add(uid, "telephone", "not_answered")
        store.add(uid, "telephone", "not_answered")
        store.add(uid, "accueil", "redirected", town)
        store.add_report(uid, "incorrect", "Rappeler jean.dupont@example.org au 06 12 34 56 78", "agent")
        add_feedback(uid, False, "Écrivez-moi : marie.martin@example.org")
    transaction.commit()
    inbox.messages.clear()
    frozen = MORNING.replace(tzinfo=clock.zone())
    monkeypatch.setattr(clock, "now", lambda: frozen)
    return sheet


def expected_body(site):
    return crlf(
        "Bilan de la relation usager de novembre 2026, comparé à octobre 2026.\n\n"
        "Interactions par canal\n"
        "Interactions : 4 (octobre 2026 : 2, +100 %)\n"
        "- Téléphone : 3 (2, +50 %)\n"
        "- Accueil : 1 (0)\n\n"
        "Issues des appels\n"
        "- Répondu : 1 (25 %)\n"
        "- Réorienté : 1 (25 %)\n"
        "- Pas pu répondre : 2 (50 %)\n\n"
        "Démarches le plus souvent sans réponse\n"
        "- Passeport d'essai : 2\n\n"
        "Catalogue\n"
        "Manques de contenu relevés : 2\n"
        "Relectures en retard : 1\n\n"
        f"Tableau de bord : {site}/@@tableau-de-bord?from=2026-11-01&to=2026-11-30\n"
    )


def test_the_managers_get_last_months_summary(site, rest, inbox, month):
    answer = rest("admin").post(f"{site}/@dashboard-summary")
    assert answer.status_code == 200 and answer.json() == {"month": "2026-11", "sent": 1}
    mail = inbox.wait(1)[0]
    assert mail["to"] == ["responsable@ville-exemple.invalid"]
    assert mail["subject"] == "[Guichet] Bilan de la relation usager : novembre 2026"
    assert mail["body"] == expected_body(site)
    html = mail["html"]
    assert "<h1>[Guichet] Bilan de la relation usager : novembre 2026</h1>" in html
    assert "<h2>Démarches le plus souvent sans réponse</h2>\r\n<ul>\r\n<li>Passeport d&#x27;essai : 2</li>\r\n</ul>" in html
    assert f'<a href="{site}/@@tableau-de-bord?from=2026-11-01&amp;to=2026-11-30">' in html
    for personal in ("jean.dupont", "06 12 34 56 78", "marie.martin", "Rappeler", "@ville-exemple.invalid", "01 00 00 00", "agent"):
        assert personal not in mail["body"] and personal not in html


def test_once_a_month_unless_an_administrator_forces_it(site, rest, inbox, month, capsys):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    admin = ["--url", site, "--user", SITE_OWNER_NAME, "--password", SITE_OWNER_PASSWORD, "dashboard-summary"]
    assert cli(admin) == 0
    assert capsys.readouterr().out == "2026-11: 1 manager e-mail(s) sent.\n"
    assert len(inbox.wait(1)) == 1
    sent_at = MORNING.replace(tzinfo=clock.zone()).isoformat(timespec="seconds")
    # The manager's own call later in the month sends nothing.
    again = rest("responsable").post(f"{site}/@dashboard-summary", json={})
    assert again.status_code == 200 and again.json() == {"month": "2026-11", "sent": 0, "already_sent": sent_at}
    assert cli(admin) == 0
    assert capsys.readouterr().out == f"2026-11: the monthly summary was already sent at {sent_at}: nothing sent (--force to send it again).\n"
    forced = rest("responsable").post(f"{site}/@dashboard-summary", json={"force": True})
    assert forced.status_code == 403
    assert forced.json()["error"] == {"type": "Forbidden", "message": "Seul un administrateur peut envoyer à nouveau le bilan mensuel."}
    time.sleep(0.5)
    assert len(inbox.messages) == 1
    assert cli([*admin, "--force"]) == 0
    assert capsys.readouterr().out == "2026-11: 1 manager e-mail(s) sent.\n"
    assert len(inbox.wait(2)) == 2


def test_the_next_month_is_a_new_summary(site, rest, inbox, month, monkeypatch):
    assert rest("admin").post(f"{site}/@dashboard-summary").json()["sent"] == 1
    january = MORNING.replace(year=2027, month=1, tzinfo=clock.zone())
    monkeypatch.setattr(clock, "now", lambda: january + timedelta(hours=1))
    assert rest("admin").post(f"{site}/@dashboard-summary").json() == {"month": "2026-12", "sent": 1}
    assert inbox.wait(2)[1]["subject"] == "[Guichet] Bilan de la relation usager : décembre 2026"


@pytest.mark.parametrize("user, status", [(None, 401), ("agent", 403), ("redacteur", 403), ("valideur", 403)])
def test_who_may_ask(site, rest, inbox, user, status):
    assert rest(user).post(f"{site}/@dashboard-summary").status_code == status
    time.sleep(0.3)
    assert inbox.messages == []


@pytest.mark.parametrize("body", [{"force": "yes"}, {"force": 1}, {"forced": True}, {"force": True, "dry_run": True}, ["force"]])
def test_bad_body(site, rest, inbox, body):
    response = rest("admin").post(f"{site}/@dashboard-summary", json=body)
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert message in (BAD_BODY, "Le corps de la requête doit être un objet JSON.")
    time.sleep(0.3)
    assert inbox.messages == []


def test_two_concurrent_summaries_send_one(site, rest, inbox, month, monkeypatch):
    """Two hosts' cron at the same minute: both requests find the month unclaimed and
    compose the summary before either commits (held at a barrier); both write the
    month's claim, one commit gets a ConflictError, Zope retries it, the retry finds the claim."""
    from guichet_kb.dashboard import summary
    from race_helpers import hold_first_two
    from race_helpers import race

    calls = hold_first_two(monkeypatch, summary, "recipients")
    answers, retried = race(lambda: rest("admin").post(f"{site}/@dashboard-summary"))
    bodies = sorted((a.json() for a in answers), key=lambda body: body["sent"])
    assert [a.status_code for a in answers] == [200, 200]
    assert bodies[1] == {"month": "2026-11", "sent": 1}
    assert bodies[0]["sent"] == 0 and bodies[0]["already_sent"]
    assert retried == ["ConflictError"] and len(calls) == 2
    assert len(inbox.wait(1)) == 1
    time.sleep(1)
    assert len(inbox.messages) == 1


def test_cli_refusals(site, inbox, capsys):
    from guichet_kb.testing import DEMO_PASSWORD

    assert cli(["--url", site, "--user", "agent", "--password", DEMO_PASSWORD, "dashboard-summary"]) == 4
    assert "Votre compte n'a pas le droit de faire cela." in capsys.readouterr().err
    assert cli(["--url", site, "--user", "responsable", "--password", DEMO_PASSWORD, "dashboard-summary", "--force"]) == 4
    assert "Seul un administrateur peut envoyer à nouveau le bilan mensuel." in capsys.readouterr().err
