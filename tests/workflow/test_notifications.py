"""Notification e-mails, captured by a real local SMTP server (aiosmtpd)."""

import catalogue_factory as make
from guichet_kb.agent.cli import main as cli
import pytest
from race_helpers import hold_first_two
from race_helpers import race
import time
import transaction


def crlf(text):
    """A mail body as SMTP carries it (CRLF line ends)."""
    return text.replace("\n", "\r\n")


def forget_setup_mail(inbox):
    """Drop the mail of publishing a test's own items: delivered once committed, before the
    commit returns (workflow/notify.py), so none is still on its way."""
    inbox.messages.clear()


@pytest.fixture
def submitted(rest, site, catalogue, inbox):
    """A complete draft sheet "Passeport" written by redacteur and submitted; its URL."""
    facts = catalogue(make.town(), make.department("service-essai", "Service d'essai"), make.desk("guichet-essai", "Guichet d'essai"))
    forget_setup_mail(inbox)
    payload = {
        "@type": "ServiceSheet",
        "id": "courriel",
        "title": "Passeport",
        "description": "Demander un passeport.",
        "eligibility": {"data": "<p>Tout le monde.</p>", "content-type": "text/html"},
        "channels": ["on_site"],
        "no_document_needed": True,
        "department": facts["service-essai"].UID(),
        "desks": [facts["guichet-essai"].UID()],
        "competences": [{"organisation": facts[make.TOWN].UID(), "case": None}],
    }
    new = rest("redacteur").post(f"{site}/demarches", json=payload)
    assert new.status_code == 201, new.text
    sheet = new.json()["@id"]
    assert rest("redacteur").post(f"{sheet}/@workflow/submit", json={"comment": "Nouvelle fiche."}).status_code == 200
    return sheet


def test_submit_notifies_reviewers(inbox, submitted):
    messages = inbox.wait(1)
    assert [m["to"] for m in messages] == [["valideur@ville-exemple.invalid"]]
    assert messages[0]["subject"] == "[Guichet] À valider : Passeport"
    assert messages[0]["body"] == crlf(f"redacteur a soumis « Passeport » pour validation.\n{submitted}\n\nNouvelle fiche.\n")


def test_reject_sends_the_comment_to_the_author(rest, inbox, submitted):
    inbox.wait(1)
    assert rest("valideur").post(f"{submitted}/@workflow/reject", json={"comment": "Le coût manque."}).status_code == 200
    messages = inbox.wait(2)
    reject = messages[-1]
    assert reject["to"] == ["redacteur@ville-exemple.invalid"]
    assert reject["subject"] == "[Guichet] Renvoyé : Passeport"
    assert reject["body"] == crlf(f"valideur vous a renvoyé « Passeport » avec ce commentaire :\n\nLe coût manque.\n\n{submitted}\n")


def test_publish_notifies_the_author(rest, inbox, submitted):
    inbox.wait(1)
    assert rest("valideur").post(f"{submitted}/@workflow/publish", json={}).status_code == 200
    publish = inbox.wait(2)[-1]
    assert publish["to"] == ["redacteur@ville-exemple.invalid"] and publish["subject"] == "[Guichet] Publié : Passeport"
    assert publish["body"] == crlf(f"« Passeport » a été publié par valideur.\n{submitted}\n")


def test_refused_transition_sends_nothing(rest, inbox, submitted):
    inbox.wait(1)
    assert rest("valideur").post(f"{submitted}/@workflow/reject", json={}).status_code == 400
    time.sleep(0.5)
    assert len(inbox.messages) == 1


@pytest.fixture
def to_recheck(functional, inbox):
    """Two published sheets of the test's own for the digest: one overdue, one flagged."""
    from datetime import date
    from guichet_kb.workflow import review

    birth, passport = (
        make.standalone_sheet(id, title) for id, title in (("acte-essai", "Copie ou extrait d'acte de naissance"), ("passeport-essai", "Passeport"))
    )
    items = make.publish(functional["portal"], *birth, *passport)
    sheet = items["passeport-essai"]
    sheet.next_review_date = date(2020, 1, 1)
    sheet.reindexObject()
    review.add_flag(items["acte-essai"], items["acte-essai-guichet"], "admin")
    transaction.commit()
    forget_setup_mail(inbox)
    return items


def remind(site, *args):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    return cli(["--url", site, "--user", SITE_OWNER_NAME, "--password", SITE_OWNER_PASSWORD, "remind", *args])


def test_remind_command_sends_the_digest(site, inbox, capsys, to_recheck):
    from plone import api

    assert remind(site) == 0
    assert "1 reviewer e-mail(s) sent" in capsys.readouterr().out
    digest = inbox.wait(1)[0]
    assert digest["to"] == ["valideur@ville-exemple.invalid"]
    assert digest["subject"] == "[Guichet] 2 élément(s) à revérifier"
    assert digest["body"] == crlf(
        "Ces contenus publiés ont dépassé leur date de relecture ou sont à revérifier :\n\n"
        f"- Copie ou extrait d'acte de naissance (À revérifier : une information partagée a changé) : {site}/demarches/acte-essai\n"
        f"- Passeport (Date de relecture dépassée) : {site}/demarches/passeport-essai\n\n"
        f"File de relecture : {site}/@@review-queue\n"
    )
    assert api.portal.get() is not None


def test_cli_errors(site, capsys):
    assert cli(["--url", site, "--user", "valideur", "--password", "faux", "queue"]) == 3
    assert "401" in capsys.readouterr().err
    assert cli(["--url", "http://127.0.0.1:1/plone", "queue"]) == 2
    assert cli(["--url", site, "--user", "agent", "--password", "secret-demo", "remind"]) == 4


def test_one_digest_a_day_unless_forced(site, inbox, capsys, to_recheck, rest, site_administrator, monkeypatch):
    """cron on every host of a cluster, or twice by mistake: one digest a day."""
    from datetime import datetime
    from datetime import time as hour
    from datetime import timedelta
    from guichet_kb import clock

    morning = datetime.combine(clock.today(), hour(7, 0), tzinfo=clock.zone())
    sent_at = morning.isoformat(timespec="seconds")
    monkeypatch.setattr(clock, "now", lambda: morning)
    assert remind(site) == 0
    assert capsys.readouterr().out == "2 item(s) overdue or flagged; 1 reviewer e-mail(s) sent.\n"
    assert len(inbox.wait(1)) == 1
    monkeypatch.setattr(clock, "now", lambda: morning + timedelta(hours=16, minutes=59))  # 23:59 the same day
    assert remind(site) == 0
    assert capsys.readouterr().out == (
        f"2 item(s) overdue or flagged; today's digest was already sent at {sent_at}: nothing sent (--force to send it again).\n"
    )
    again = rest(site_administrator).post(f"{site}/@review-reminders", json={})
    assert again.status_code == 200 and again.json() == {"items_total": 2, "sent": 0, "already_sent": sent_at}
    time.sleep(0.5)
    assert len(inbox.messages) == 1
    # A Site Administrator who really wants it sends it again.
    assert remind(site, "--force") == 0
    assert capsys.readouterr().out == "2 item(s) overdue or flagged; 1 reviewer e-mail(s) sent.\n"
    assert len(inbox.wait(2)) == 2
    # The next day is a new period.
    monkeypatch.setattr(clock, "now", lambda: morning + timedelta(days=1))
    assert rest(site_administrator).post(f"{site}/@review-reminders", json={}).json()["sent"] == 1
    assert len(inbox.wait(3)) == 3 and inbox.messages[2]["subject"].startswith("[Guichet] ")


def test_nothing_to_recheck_claims_no_day(site, inbox, rest, site_administrator):
    """A day without a digest sent is tried again by the next call (none here: no item due)."""
    from guichet_kb.workflow import digest

    for _call in range(2):
        assert rest(site_administrator).post(f"{site}/@review-reminders").json() == {"items_total": 0, "sent": 0}
    transaction.begin()
    assert digest.sent_today() is None


@pytest.mark.parametrize("body", [{"force": "yes"}, {"force": 1}, {"forced": True}, {"force": True, "dry_run": True}])
def test_reminders_bad_body(site, inbox, rest, site_administrator, to_recheck, body):
    response = rest(site_administrator).post(f"{site}/@review-reminders", json=body)
    assert response.status_code == 400
    assert response.json()["error"] == {
        "type": "BadRequest",
        "message": 'Aucun corps attendu, ou {"force": true} pour envoyer à nouveau le récapitulatif du jour.',
    }
    time.sleep(0.5)
    assert inbox.messages == []


def test_two_concurrent_reminders_send_one_digest(site, inbox, rest, site_administrator, to_recheck, monkeypatch):
    """Two hosts' cron at the same minute: both requests compute the digest before either
    commits (held at a barrier), as on two instances; both write the day's claim, one
    commit gets a ConflictError, Zope retries it, and the retry finds the claim."""
    from guichet_kb.workflow import queue

    calls = hold_first_two(monkeypatch, queue, "entries")
    answers, retried = race(lambda: rest(site_administrator).post(f"{site}/@review-reminders"))
    bodies = sorted((a.json() for a in answers), key=lambda body: body["sent"])
    assert [a.status_code for a in answers] == [200, 200]
    assert bodies[1] == {"items_total": 2, "sent": 1}
    assert bodies[0]["sent"] == 0 and bodies[0]["already_sent"]
    assert retried == ["ConflictError"] and len(calls) == 3
    assert len(inbox.wait(1)) == 1
    time.sleep(1)
    assert len(inbox.messages) == 1  # exactly one digest
