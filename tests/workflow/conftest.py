"""Fixtures of the workflow tests: a draft sheet written by `redacteur`."""

import pytest


@pytest.fixture
def uids(functional):
    portal = functional["portal"]
    return {
        "department": portal["services"]["etat-civil"].UID(),
        "desk": portal["guichets"]["mairie-centrale"].UID(),
    }


@pytest.fixture
def new_sheet(rest, site, uids):
    """A complete draft sheet written by `redacteur`; returns its URL."""

    def make(complete=True, sheet_id="essai-workflow"):
        payload = {"@type": "ServiceSheet", "id": sheet_id, "title": "Démarche d'essai"}
        if complete:
            payload.update(
                {
                    "description": "Une démarche pour les tests.",
                    "eligibility": {"data": "<p>Tout le monde.</p>", "content-type": "text/html"},
                    "channels": ["on_site"],
                    "no_document_needed": True,
                    "department": uids["department"],
                    "desks": [uids["desk"]],
                }
            )
        response = rest("redacteur").post(f"{site}/demarches", json=payload)
        assert response.status_code == 201, response.text
        return response.json()["@id"]

    return make
