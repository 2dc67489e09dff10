"""Notification e-mails, captured by a real local SMTP server (aiosmtpd)."""

import catalogue_factory as make
from guichet_kb.agent.cli import main as cli
import pytest
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
    facts = catalogue(make.department("service-essai", "Service d'essai"), make.desk("guichet-essai", "Guichet d'essai"))
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


def test_remind_command_sends_the_digest(functional, site, inbox, capsys):
    from datetime import date
    from guichet_kb.workflow import review
    from plone import api
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

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
    assert cli(["--url", site, "--user", SITE_OWNER_NAME, "--password", SITE_OWNER_PASSWORD, "remind"]) == 0
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
