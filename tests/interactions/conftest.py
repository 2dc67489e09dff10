"""Interaction and statistics tests start with no request counted: rate limits and the
day's visitor keys are in-process state that would carry over from one test to the next.
They count calls, views and feedback on sheets of their own (`sheets`, `uids`), not on
the demo's."""

import catalogue_factory as make
from guichet_kb import ratelimit
from guichet_kb.stats import visitors
import pytest


@pytest.fixture(autouse=True)
def fresh_limits():
    ratelimit.clear()
    visitors.forget()


# name in the tests -> (id, title) of a sheet of the tests' own, not the demo's.
SHEETS = {
    "passeport": ("essai-passeport", "Passeport"),
    "carte-identite": ("essai-carte-identite", "Carte d'identité"),
    "encombrants": ("essai-encombrants", "Collecte des encombrants"),
    "objets-trouves": ("essai-objets-trouves", "Objets trouvés"),
}
ONLINE_URL = "https://demarches.example.org/passeport"


@pytest.fixture
def sheets(catalogue):
    """Four published sheets {name: sheet}; "passeport" needs two documents and has an online service."""
    own = (make.department("service-essai", "Service d'essai"), make.desk("guichet-essai", "Guichet d'essai"))
    documents = (make.document("photo-essai", "Photo d'identité"), make.document("timbre-essai", "Timbre fiscal"))
    rows = [make.required("photo-essai"), make.required("timbre-essai", form="original_or_copy", note="86 € pour un adulte.")]
    passeport = {"required_documents": rows, "channels": ["on_site", "online"], "online_service_url": ONLINE_URL}
    built = [
        make.sheet(id, title, "service-essai", ["guichet-essai"], **(passeport if name == "passeport" else {}))
        for name, (id, title) in SHEETS.items()
    ]
    items = catalogue(*own, *documents, *built)
    return {name: items[id] for name, (id, _title) in SHEETS.items()}


@pytest.fixture
def uids(sheets):
    return {name: sheet.UID() for name, sheet in sheets.items()}
