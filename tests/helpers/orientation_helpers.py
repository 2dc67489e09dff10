"""A sheet handled by another body than the town (issue 16), for the orientation tests
(REST, CLI, console): `handled_elsewhere(catalogue)` builds it with the test builders.

The agglomeration handles it for small children (`CASE`), the town otherwise; the
agglomeration has a public contact and a direct line for agents (`STAFF_PHONE`) and a
desk, the sheet none of its own. A CAF the sheet does not name, published, for
orientations to any body.
"""

import catalogue_factory as make


WORD = "tournesolia"  # in the sheet's title only
TITLE = f"Inscription à la crèche {WORD}"
SHEET = "creche-essai"
EXTERNAL_ID = "F99001"
CASE = "Enfant de moins de 3 ans"
AGGLO = "agglo-essai"
AGGLO_TITLE = "Agglomération d'essai"
AGGLO_CONTACT = {
    "phone": "01 00 00 00 02",  # the builder's
    "email": "petite-enfance@agglo-essai.example",
    "website": "https://agglo-essai.example/petite-enfance",
    "online_contact_url": "https://agglo-essai.example/contact",
}
STAFF_PHONE = "01 99 99 99 99"
CAF = "caf-essai"


def handled_elsewhere(catalogue):
    """{id: object} of the sheet, its bodies, desk and department (published, committed)."""
    return catalogue(
        make.town(),
        make.organisation(AGGLO, AGGLO_TITLE, kind="intercommunalite", staff_phone=STAFF_PHONE, **AGGLO_CONTACT),
        make.organisation(CAF, "CAF d'essai", kind="caf", phone="01 00 00 00 03"),
        make.department("creche-service", "Service petite enfance"),
        make.desk("creche-relais", "Relais petite enfance", organisation=AGGLO),
        make.sheet(
            SHEET,
            TITLE,
            "creche-service",
            [],
            external_id=EXTERNAL_ID,
            competences=[{"organisation": AGGLO, "case": CASE}, {"organisation": make.TOWN, "case": None}],
        ),
    )


def contact_block(case=CASE):
    """The block the checklist mail gives for the agglomeration (LF lines)."""
    return (
        f"\nÀ contacter : {AGGLO_TITLE} (Intercommunalité / agglomération) — {case}\n"
        f"Téléphone : {AGGLO_CONTACT['phone']}\n"
        f"Courriel : {AGGLO_CONTACT['email']}\n"
        f"Site internet : {AGGLO_CONTACT['website']}\n"
        f"Contact en ligne : {AGGLO_CONTACT['online_contact_url']}\n"
    )
