"""Fact-check test helpers (tests/factcheck, tests/browser, the leak matrix): the
expert's address, the token of a request's mail, an answer, the stored records, and
the fixtures `draft` (a draft sheet by `redacteur` whose department has an e-mail,
with staff-only fields, a published and a draft document) and `ask` (POST
@fact-check, the reply and the token of the mail); a test module or conftest
imports the fixtures it uses."""

import catalogue_factory as make
import pytest
import re
import transaction


EXPERT = "expert.etat-civil@ville-exemple.invalid"
TOKEN_IN_MAIL = re.compile(r"@@fact-check\?token=(\S+)")


def token_of(message):
    return TOKEN_IN_MAIL.search(message["body"]).group(1)


def answer(rest, site, token, **body):
    """POST @fact-check-answer as an anonymous caller."""
    return rest(None).post(f"{site}/@fact-check-answer", json={"token": token, **body})


def records(functional, sheet_url):
    """The stored requests of the sheet at ``sheet_url`` (as the server committed them)."""
    from guichet_kb.factcheck import store

    transaction.begin()
    portal = functional["portal"]
    sheet = portal.unrestrictedTraverse(sheet_url.replace(portal.absolute_url() + "/", ""))
    return store.records(sheet)


@pytest.fixture
def draft(rest, site, catalogue, inbox):
    """The draft's URL (a published department with EXPERT as e-mail, a published desk,
    a published document "Pièce publiée"; a draft document "Pièce brouillon").
    The answers' rate limit starts afresh (every test answers from 127.0.0.1)."""
    from guichet_kb import ratelimit

    ratelimit.clear()
    items = catalogue(
        make.department("service-verif", "Service vérifié", email=EXPERT),
        make.desk("guichet-verif", "Guichet vérifié"),
        make.document("piece-publiee", "Pièce publiée"),
        make.town(),
    )
    redacteur = rest("redacteur")
    hidden = redacteur.post(f"{site}/pieces", json={"@type": "RequiredDocument", "id": "piece-brouillon", "title": "Pièce brouillon"})
    assert hidden.status_code == 201, hidden.text
    payload = {
        "@type": "ServiceSheet",
        "id": "fiche-verif",
        "title": "Carte de stationnement résident",
        "description": "Obtenir la carte de stationnement résident.",
        "eligibility": {"data": "<p>Les résidents du centre.</p>", "content-type": "text/html"},
        "channels": ["on_site"],
        "cost_note": "25 euros par an",
        "required_documents": [make.required(items["piece-publiee"].UID()), make.required(hidden.json()["UID"])],
        "department": items["service-verif"].UID(),
        "competences": [{"organisation": items[make.TOWN].UID(), "case": None}],
        "desks": [items["guichet-verif"].UID()],
        "call_script_questions": "SECRET-SCRIPT : demander la plaque.",
        "internal_notes": "SECRET-NOTE interne.",
    }
    response = redacteur.post(f"{site}/demarches", json=payload)
    assert response.status_code == 201, response.text
    inbox.messages.clear()
    return response.json()["@id"]


@pytest.fixture
def ask(rest, inbox):
    """ask(sheet_url, user="redacteur", **body) -> (response, token or None)."""

    def send(sheet, user="redacteur", **body):
        before = len(inbox.messages)
        response = rest(user).post(f"{sheet}/@fact-check", json=body)
        if response.status_code != 201:
            return response, None
        return response, token_of(inbox.wait(before + 1)[-1])

    return send
