"""Fixtures of the workflow tests: a draft sheet written by `redacteur`, pointing at
a department and a desk of the tests' own (not the demo's)."""

import catalogue_factory as make
import pytest


@pytest.fixture
def uids(catalogue):
    items = catalogue(make.town(), make.department("service-essai", "Service d'essai"), make.desk("guichet-essai", "Guichet d'essai"))
    return {"department": items["service-essai"].UID(), "desk": items["guichet-essai"].UID(), "organisation": items[make.TOWN].UID()}


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
                    "competences": [{"organisation": uids["organisation"], "case": None}],
                    "desks": [uids["desk"]],
                }
            )
        response = rest("redacteur").post(f"{site}/demarches", json=payload)
        assert response.status_code == 201, response.text
        return response.json()["@id"]

    return make
