"""Where a sheet or a desk can be booked, in their JSON (serializers/agenda.py): the
sheet's `guichet` expansion and `@answer` card, every desk's JSON (`@desks`, the
expansion, the card), and the Classic pages; a draft agenda shows nowhere."""

from answer_helpers import answer
import catalogue_factory as make
from plone import api
import pytest
import transaction


SHEET, DESK = "fiche-zythum", "fiche-zythum-guichet"


@pytest.fixture
def own(catalogue, functional):
    """A published sheet at its desk with a published agenda, and a draft agenda there too."""
    kind = make.appointment_type("depot", SHEET, 20, label="Dépôt")
    items = catalogue(
        *make.standalone_sheet(SHEET, "Démarche zythum"),
        make.agenda("agenda-zythum", "Agenda zythum", DESK, [kind]),
        make.agenda("agenda-zythum-brouillon", "Agenda zythum brouillon", DESK, [kind]),
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(items["agenda-zythum-brouillon"], transition="retract")
    transaction.commit()
    return items


def _expected(site, own):
    desk = own[DESK]
    return [
        {
            "uid": own["agenda-zythum"].UID(),
            "title": "Agenda zythum",
            "url": f"{site}/guichets/agenda-zythum",
            "desk": {"uid": desk.UID(), "title": desk.Title(), "url": f"{site}/guichets/{DESK}"},
        }
    ]


@pytest.mark.parametrize("user", [None, "agent", "redacteur"])
def test_the_sheet_expansion_names_its_agendas(rest, site, own, user):
    guichet = rest(user).get(f"{site}/demarches/{SHEET}", params={"expand": "guichet"}).json()["@components"]["guichet"]
    assert guichet["agendas"] == _expected(site, own)
    assert [desk["agendas"] for desk in guichet["desks"]] == [_expected(site, own)]


def test_the_desk_json_names_its_agendas(rest, site, own):
    desks = {desk["@id"]: desk for desk in rest().get(f"{site}/@desks").json()["items"]}
    assert desks[f"{site}/guichets/{DESK}"]["agendas"] == _expected(site, own)


def test_the_answer_card_names_its_agendas(rest, site, own):
    cards = [item for item in answer(rest, site, "agent", q="zythum", b_size=5) if item["@id"].endswith(f"/{SHEET}")]
    assert [card["agendas"] for card in cards] == [_expected(site, own)]
    assert cards[0]["desk"]["agendas"] == _expected(site, own)


def test_a_sheet_without_agenda_names_none(rest, site, own):
    guichet = rest().get(f"{site}/demarches/acte-naissance", params={"expand": "guichet"}).json()["@components"]["guichet"]
    assert guichet["agendas"] == []


def test_the_desk_page_links_its_agendas_and_no_longer_the_outside_site(rest, site, own):
    page = rest().get(f"{site}/guichets/{DESK}", headers={"Accept": "text/html"}).text
    assert f'href="{site}/guichets/agenda-zythum"' in page
    assert "agenda-zythum-brouillon" not in page
    demo = rest().get(f"{site}/guichets/mairie-centrale", headers={"Accept": "text/html"}).text
    assert f'href="{site}/guichets/rdv-titres-hotel-de-ville"' in demo
    assert "https://rdv.ville-exemple.fr/hotel-de-ville" not in demo  # its outside booking site, kept as data


def test_the_sheet_page_links_its_agendas(rest, site, own):
    page = rest().get(f"{site}/demarches/carte-identite", headers={"Accept": "text/html"}).text
    assert f'href="{site}/guichets/rdv-titres-hotel-de-ville"' in page and f'href="{site}/guichets/rdv-titres-annexe"' in page
    assert "https://rdv.ville-exemple.fr/titres-identite" not in page  # the outside booking site, kept as data


def test_the_agenda_page_reads_its_configuration(rest, site, own):
    page = rest("redacteur").get(f"{site}/guichets/rdv-titres-hotel-de-ville", headers={"Accept": "text/html"}).text
    for text in (
        "Types de rendez-vous",
        "Dépôt de demande CNI / passeport",
        "Retrait de titre",
        "Poste 3 (retraits)",
        "Fermetures",
        "Semaine de Noël : rendez-vous le matin uniquement",
        "21/12/2026 – 23/12/2026",
        "13:30–19:00",
        "Journée entière",
        "Ouvert à la réservation",
    ):
        assert text in page, text
    draft = rest("redacteur").get(f"{site}/guichets/agenda-zythum-brouillon", headers={"Accept": "text/html"}).text
    assert "Fermé à la réservation" in draft
    anonymous = rest().get(f"{site}/guichets/agenda-zythum-brouillon", headers={"Accept": "text/html"}, allow_redirects=False)
    assert anonymous.status_code in (302, 401, 404) and "Agenda zythum brouillon" not in anonymous.text
