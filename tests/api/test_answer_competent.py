"""@answer names the competent bodies and offers their desks (issue 16).

A sheet handled by another body (the agglomeration) lists it first, with its
contact and the case it handles, and offers the body's desk when the sheet lists
none of its own; the town comes after. The staff-only direct line reaches staff
only; a draft organisation or desk is never shown, whoever asks.
"""

from answer_helpers import answer
import catalogue_factory as make
from plone import api
import pytest
import transaction


WORD = "zéphyrine"  # in the test sheet's title only


@pytest.fixture
def handled_elsewhere(catalogue):
    created = catalogue(
        make.town(),
        make.organisation("zeph-agglo", "Agglomération zéphyrine", kind="intercommunalite", staff_phone="01 99 99 99 99"),
        make.department("zeph-service", "Service zéphyrin"),
        make.desk("zeph-relais", "Relais zéphyrin", organisation="zeph-agglo"),
        make.sheet(
            "zeph-fiche",
            f"Démarche {WORD}",
            "zeph-service",
            [],  # no desk of its own
            competences=[
                {"organisation": make.TOWN, "case": "Enfant de plus de 3 ans"},
                {"organisation": "zeph-agglo", "case": "Enfant de moins de 3 ans"},
            ],
        ),
    )
    return created


def _item(rest, site, user=None):
    items = [item for item in answer(rest, site, user, q=WORD, b_size=5) if item["title"] == f"Démarche {WORD}"]
    assert len(items) == 1, items
    return items[0]


def test_other_body_first_with_case_and_contact(rest, site, handled_elsewhere):
    item = _item(rest, site)
    assert [(c["title"], c["is_town"], c["case"]) for c in item["competent"]] == [
        ("Agglomération zéphyrine", False, "Enfant de moins de 3 ans"),
        ("Commune de Ville-Exemple", True, "Enfant de plus de 3 ans"),
    ]
    agglo = item["competent"][0]
    assert (agglo["kind"], agglo["kind_title"], agglo["phone"]) == ("intercommunalite", "Intercommunalité / agglomération", "01 00 00 00 02")
    assert "staff_phone" not in agglo
    # The sheet lists no desk: the competent organisations' desks are offered, in the
    # editor's order (the town's first here, by title).
    assert item["desk"]["title"] == "Espace famille"


def test_the_other_bodys_desk_when_named_first(rest, site, handled_elsewhere):
    sheet = handled_elsewhere["zeph-fiche"]
    sheet.competences = list(reversed(sheet.competences))
    sheet.reindexObject()
    transaction.commit()
    assert _item(rest, site)["desk"]["title"] == "Relais zéphyrin"


def test_staff_get_the_direct_line(rest, site, handled_elsewhere):
    agglo = _item(rest, site, "agent")["competent"][0]
    assert agglo["staff_phone"] == "01 99 99 99 99"


def test_draft_body_and_desk_never_shown(rest, site, handled_elsewhere):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(handled_elsewhere["zeph-agglo"], transition="retract")
        api.content.transition(handled_elsewhere["zeph-relais"], transition="retract")
    transaction.commit()
    for user in (None, "agent"):
        item = _item(rest, site, user)
        assert [c["title"] for c in item["competent"]] == ["Commune de Ville-Exemple"], user
        assert item["desk"]["title"] == "Espace famille", user


def test_an_online_only_sheet_is_offered_no_desk_of_its_bodies(rest, site, handled_elsewhere):
    """A procedure done online or by post only is not sent to a counter (content/competence.py)."""
    sheet = handled_elsewhere["zeph-fiche"]
    sheet.channels = ["online"]
    sheet.online_service_url = "https://zephyrine.example.org/demande"
    sheet.reindexObject()
    transaction.commit()
    item = _item(rest, site)
    assert item["desk"] is None and [c["title"] for c in item["competent"]][0] == "Agglomération zéphyrine"
