"""Catalogue items of a test's own, so a test not about the demo town does not
depend on the demo's ids: the `catalogue` fixture (a pytest plugin, like
`mail_helpers`).

The builders below return complete items (they meet every rule of
workflow/completeness.py) in the demo catalogue's format (demo/FORMAT.md);
`catalogue(*items)` loads them with the demo loader, so they go through
plone.restapi's deserializers and are submitted and published as the demo is,
commits for the HTTP server, and returns the new objects by id. References
(`department`, `desks`, a required document's `document`, `related_sheets`,
`related_answers`, a competence's `organisation`, an agenda's or a queue's `desk` and its types'
or services' `service`) name items of the same call or the
demo town's organisation (`TOWN`). The functional layer's DemoStorage drops them after the test. `own_sheet` is
one published sheet, for tests that need just any sheet; in the integration layer,
`publish(portal, *items)` without the commit.
"""

from guichet_kb.demo.loader import load
from guichet_kb.facts import ITEM_FOLDER
import pytest


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
# Builder -> (the loader's catalogue key, portal type).
KINDS = {
    "organisation": ("organisations", "Organisation"),
    "department": ("departments", "Department"),
    "desk": ("desks", "Desk"),
    "document": ("documents", "RequiredDocument"),
    "sheet": ("sheets", "ServiceSheet"),
    "answer": ("answers", "Answer"),
    "agenda": ("agendas", "Agenda"),
    "queue": ("queues", "Queue"),
}


def organisation(id, title, kind="commune", **fields):
    return "organisation", {
        "id": id,
        "title": title,
        "description": f"{title} : organisme d'essai.",
        "kind": kind,
        "phone": "01 00 00 00 02",
        **fields,
    }


# An agglomeration's public contact, for the tests of other bodies than the town.
AGGLO_CONTACT = {
    "email": "petite-enfance@agglo.example.org",
    "website": "https://agglo.example.org",
    "online_contact_url": "https://agglo.example.org/contact",
}


def agglomeration(id, title, **fields):
    """An intercommunality with a full public contact (`AGGLO_CONTACT`)."""
    return organisation(id, title, kind="intercommunalite", **{**AGGLO_CONTACT, **fields})


# The demo town's organisation (demo/catalogue.json): every builder's sheet names it
# competent unless told otherwise; `publish` loads it (or finds it) first.
TOWN = "ville-exemple"


def town():
    return organisation(TOWN, "Commune de Ville-Exemple")


def department(id, title, **fields):
    return "department", {"id": id, "title": title, "description": f"{title} : service d'essai.", "phone": "01 00 00 00 01", **fields}


def desk(id, title, **fields):
    hours = [{"day": day, "opens": "09:00", "closes": "17:00"} for day in WEEKDAYS]
    item = {"id": id, "title": title, "street": "1 rue d'Essai", "postal_code": "99000", "city": "Ville-Essai", "phone": "01 00 00 00 02"}
    return "desk", {**item, "opening_hours": hours, "organisation": TOWN, **fields}


def document(id, title, **fields):
    return "document", {"id": id, "title": title, "description": f"{title} : pièce d'essai.", "accepted_forms": "L'original.", **fields}


def required(document_id, requirement="mandatory", form="original", case="", note=""):
    """A row of a sheet's `required_documents`."""
    return {"document": document_id, "requirement": requirement, "form": form, "case": case, "note": note}


def sheet(id, title, department, desks, **fields):
    """A complete sheet; with no `required_documents` it needs no document."""
    item = {
        "id": id,
        "title": title,
        "description": f"{title} : démarche d'essai.",
        "eligibility": "<p>Tout le monde.</p>",
        "channels": ["on_site"],
        "no_document_needed": not fields.get("required_documents"),
        "department": department,
        "desks": list(desks),
        "competences": [{"organisation": TOWN, "case": None}],
    }
    return "sheet", {**item, **fields}


def answer(id, title, related_sheets, **fields):
    return "answer", {"id": id, "title": title, "short_answer": f"{title} : réponse d'essai.", "related_sheets": list(related_sheets), **fields}


def standalone_sheet(id, title, **fields):
    """A sheet with a department and a desk of its own (ids `<id>-service`, `<id>-guichet`)."""
    service, counter = f"{id}-service", f"{id}-guichet"
    return department(service, f"Service de {title}"), desk(counter, f"Guichet de {title}"), sheet(id, title, service, [counter], **fields)


def appointment_type(code, service, duration=20, label=None):
    """A row of an agenda's `appointment_types`: ``service`` a sheet id."""
    return {"code": code, "label": label or f"Rendez-vous {code}", "service": service, "duration": duration}


def counter(code, types="", label=None):
    """A row of an agenda's `counters`: ``types`` codes separated by commas, empty for all."""
    return {"code": code, "label": label or f"Poste {code}", "types": types}


def agenda(id, title, desk, types, counters=None, **fields):
    """An agenda at ``desk`` (an id) with these `appointment_types` rows and, unless
    told, one counter serving every type; the default leads and limits."""
    item = {"id": id, "title": title, "desk": desk, "appointment_types": list(types), "counters": list(counters or [counter("poste-1")])}
    return "agenda", {**item, **fields}


def queue_service(service, prefix, minutes=15):
    """A row of a queue's `services`: ``service`` a sheet id."""
    return {"service": service, "prefix": prefix, "minutes": minutes}


def queue_counter(code, prefixes="", label=None):
    """A row of a queue's `counters`: ``prefixes`` letters separated by commas, empty for all."""
    return {"code": code, "label": label or f"Poste {code}", "prefixes": prefixes}


def queue(id, title, desk, services, counters=None, **fields):
    """A queue at ``desk`` (an id) with these `services` rows and, unless told, one
    counter serving every service; no campaign, the default grace and notice."""
    item = {"id": id, "title": title, "desk": desk, "services": list(services), "counters": list(counters or [queue_counter("poste-1")])}
    return "queue", {**item, **fields}


def publish(portal, *items):
    """Load and publish `items` (builder results) as Manager; {id: object}."""
    from plone import api

    catalogue = {"organisations": [town()[1]]}
    for kind, data in items:
        catalogue.setdefault(KINDS[kind][0], []).append(data)
    with api.env.adopt_roles(["Manager"]):
        load(portal, catalogue)
    return {data["id"]: portal[ITEM_FOLDER[KINDS[kind][1]]][data["id"]] for kind, data in items}


@pytest.fixture
def catalogue(functional):
    """catalogue(*items) -> {id: object}: published and committed. Call it before the
    test's HTTP requests (or after transaction.begin()): the test's connection does not
    see what the server committed meanwhile."""
    import transaction

    def make(*items):
        created = publish(functional["portal"], *items)
        transaction.commit()
        return created

    return make


OWN_SHEET = "fiche-essai"


@pytest.fixture
def own_sheet(catalogue):
    """A published sheet of the test's own (`OWN_SHEET`, titled "Fiche d'essai"), with its
    department (`fiche-essai-service`) and desk (`fiche-essai-guichet`)."""
    return catalogue(*standalone_sheet(OWN_SHEET, "Fiche d'essai"))[OWN_SHEET]
