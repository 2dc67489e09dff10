"""Passport variants of the test's own (real national titles, 2020 catalogue), for
the family tests of @answer, the CLI, the console and the public site: three
published sheets and one draft variant nobody but staff may see."""

import catalogue_factory as make
from plone import api
import transaction


VARIANTS = [
    ("pp-majeur-1", "Passeport d'un majeur : première demande", "F14929"),
    ("pp-mineur-1", "Passeport d'un mineur : première demande", "F14930"),
    ("pp-majeur-renouv", "Renouvellement du passeport d'un majeur", "F21091"),
]
DRAFT = ("pp-mineur-perte", "Passeport d'un mineur : en cas de perte", "F21244")
QUERY = "passeport première demande"
QUESTION = "La personne est-elle majeure ou mineure ? S'agit-il d'une première demande ou d'un renouvellement ?"


def passport_variants(catalogue, portal):
    """The published variants {id: object} (committed), and the draft one beside them."""
    sheets = [make.sheet(id, title, "pp-service", ["pp-guichet"], external_id=ext) for id, title, ext in VARIANTS]
    created = catalogue(make.department("pp-service", "Service des passeports"), make.desk("pp-guichet", "Guichet des passeports"), *sheets)
    draft_id, title, ext = DRAFT
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=portal["demarches"], type="ServiceSheet", id=draft_id, title=title, external_id=ext)
    transaction.commit()
    return created
