"""Fixtures of the fact-check tests: a draft sheet by `redacteur` whose department
has an e-mail, with a staff-only call script and a published and a draft document;
`ask(...)` sends POST @fact-check and returns the reply and the token of the mail."""

import catalogue_factory as make
from factcheck_helpers import EXPERT
from factcheck_helpers import token_of
import pytest


@pytest.fixture
def draft(rest, site, catalogue, inbox):
    """The draft's URL (a published department with EXPERT as e-mail, a published desk,
    a published document "Pièce publiée"; a draft document "Pièce brouillon")."""
    items = catalogue(
        make.department("service-verif", "Service vérifié", email=EXPERT),
        make.desk("guichet-verif", "Guichet vérifié"),
        make.document("piece-publiee", "Pièce publiée"),
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
