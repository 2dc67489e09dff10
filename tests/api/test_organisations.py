"""GET @organisations (issue 16): the published competent bodies, each with its
published desks (the @desks summary) and the published sheets naming it competent
(`handles`, with the case); `?kind=` filters. Leak matrix of its own: a draft
organisation, a draft sheet naming a published organisation and a draft desk of it
never appear, whoever asks. The `guichet` expansion names the competent bodies and
offers their desks (what the public sheet page reads)."""

import catalogue_factory as make
from guichet_kb.facts import ORGANISATION_KINDS
from plone import api
import pytest
import transaction


AGGLO = "orga-agglo"


@pytest.fixture
def bodies(catalogue):
    created = catalogue(
        make.town(),
        make.agglomeration(AGGLO, "Agglomération d'essai", staff_phone="01 99 99 99 98"),
        make.organisation("orga-brouillon", "Organisme brouillon", kind="caf"),
        make.department("orga-service", "Service d'essai"),
        make.desk("orga-relais", "Relais petite enfance d'essai", organisation=AGGLO),
        make.desk("orga-relais-ferme", "Relais fermé d'essai", organisation=AGGLO),
        make.sheet(
            "orga-creche",
            "Inscription en crèche d'essai",
            "orga-service",
            [],
            competences=[{"organisation": AGGLO, "case": "Enfant de moins de 3 ans"}, {"organisation": make.TOWN, "case": "Enfant de plus de 3 ans"}],
        ),
        make.sheet("orga-brouillon-fiche", "Fiche brouillon d'essai", "orga-service", [], competences=[{"organisation": AGGLO, "case": None}]),
    )
    with api.env.adopt_roles(["Manager"]):
        for id in ("orga-brouillon", "orga-relais-ferme", "orga-brouillon-fiche"):
            api.content.transition(created[id], transition="retract")
    transaction.commit()
    return created


def _organisations(rest, site, user=None, **params):
    response = rest(user).get(f"{site}/@organisations", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_bodies_with_desks_and_what_they_handle(rest, site, bodies):
    data = _organisations(rest, site)
    assert data["@id"] == f"{site}/@organisations" and data["items_total"] == len(data["items"])
    by_id = {item["@id"].rsplit("/", 1)[1]: item for item in data["items"]}
    assert data["items"][0]["is_town"] and data["items"][0]["title"] == "Commune de Ville-Exemple"  # the town first
    agglo = by_id[AGGLO]
    assert {key: agglo[key] for key in ("title", "kind", "kind_title", "is_town", "phone", "email", "website", "online_contact_url")} == {
        "title": "Agglomération d'essai",
        "kind": "intercommunalite",
        "kind_title": "Intercommunalité / agglomération",
        "is_town": False,
        "phone": "01 00 00 00 02",
        "email": "petite-enfance@agglo.example.org",
        "website": "https://agglo.example.org",
        "online_contact_url": "https://agglo.example.org/contact",
    }
    assert "staff_phone" not in agglo
    assert [d["title"] for d in agglo["desks"]] == ["Relais petite enfance d'essai"]
    desk = agglo["desks"][0]
    desks = rest().get(f"{site}/@desks").json()["items"]
    assert desk == next(d for d in desks if d["UID"] == desk["UID"])  # the @desks summary
    creche = bodies["orga-creche"]
    assert agglo["handles"] == [
        {"UID": creche.UID(), "@id": creche.absolute_url(), "title": "Inscription en crèche d'essai", "case": "Enfant de moins de 3 ans"}
    ]
    assert agglo["handles_total"] == 1
    town = by_id[make.TOWN]
    assert {"UID": creche.UID(), "@id": creche.absolute_url(), "title": "Inscription en crèche d'essai", "case": "Enfant de plus de 3 ans"} in town[
        "handles"
    ]
    assert town["desks"] and all("open_now" in d and d["week"] for d in town["desks"])


@pytest.mark.parametrize("user", [None, "agent", "redacteur", "admin"])
def test_drafts_never_appear(rest, site, bodies, user):
    """A draft organisation, a draft sheet naming a published organisation and a
    draft desk of it: in no item, whoever asks (this is the public listing)."""
    data = _organisations(rest, site, user)
    text = str(data)
    for id in ("orga-brouillon", "orga-relais-ferme", "orga-brouillon-fiche"):
        assert id not in text and bodies[id].UID() not in text, (user, id)
    assert "Organisme brouillon" not in text and "Fiche brouillon" not in text and "Relais fermé" not in text


def test_staff_get_the_direct_line(rest, site, bodies):
    agglo = next(item for item in _organisations(rest, site, "agent")["items"] if item["title"] == "Agglomération d'essai")
    assert "staff_phone" not in agglo  # a public listing: the direct line is on the card and the item only


def test_kind_filter(rest, site, bodies):
    agglos = _organisations(rest, site, kind="intercommunalite")["items"]
    assert "Agglomération d'essai" in [item["title"] for item in agglos] and {item["kind"] for item in agglos} == {"intercommunalite"}
    assert [item["is_town"] for item in _organisations(rest, site, kind="commune")["items"]] == [True]
    assert "Organisme brouillon" not in str(_organisations(rest, site, kind="caf"))


@pytest.mark.parametrize(
    "query, message",
    [
        ("kind=mairie", "Valeur inconnue « mairie ». Valeurs admises : " + ", ".join(ORGANISATION_KINDS) + "."),
        ("kind=commune&kind=ccas", "Donnez « kind » une seule fois."),
        ("kind:list=commune", None),
    ],
)
def test_bad_input(rest, site, query, message):
    response = rest().get(f"{site}/@organisations?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "BadRequest"
    if message is not None:
        assert error["message"] == message


def test_expansion_names_the_bodies_and_offers_their_desks(rest, site, bodies):
    """What the public sheet page reads: the other body first with its case and
    contact, the town after; the sheet lists no desk, so the bodies' published
    desks are offered (the draft one never)."""
    guichet = rest().get(f"{site}/demarches/orga-creche", params={"expand": "guichet"}).json()["@components"]["guichet"]
    assert [(c["title"], c["case"], c["is_town"]) for c in guichet["competent"]] == [
        ("Agglomération d'essai", "Enfant de moins de 3 ans", False),
        ("Commune de Ville-Exemple", "Enfant de plus de 3 ans", True),
    ]
    assert "staff_phone" not in guichet["competent"][0]
    titles = [d["title"] for d in guichet["desks"]]
    assert titles[0] == "Relais petite enfance d'essai" and "Relais fermé d'essai" not in titles
    assert "Mairie annexe des Tilleuls" in titles  # the town's published desks too: the sheet lists none of its own
    staff = rest("agent").get(f"{site}/demarches/orga-creche", params={"expand": "guichet"}).json()["@components"]["guichet"]
    assert staff["competent"][0]["staff_phone"] == "01 99 99 99 98"


def test_desks_of_one_organisation(rest, site, bodies):
    agglo = bodies[AGGLO]
    response = rest().get(f"{site}/@desks", params={"organisation": agglo.UID()})
    assert response.status_code == 200
    assert [d["title"] for d in response.json()["items"]] == ["Relais petite enfance d'essai"]  # the draft desk never


@pytest.mark.parametrize(
    "params, status, message",
    [
        ("organisation=0123456789abcdef0123456789abcdef", 400, "Aucun organisme n'a cet UID : ?organisation= attend l'UID d'un organisme."),
        ("organisation=a&organisation=b", 400, "Donnez « organisation » une seule fois."),
    ],
)
def test_desks_of_an_unknown_organisation(rest, site, params, status, message):
    response = rest().get(f"{site}/@desks?{params}")
    assert response.status_code == status and response.json()["error"]["message"] == message


def test_desks_of_a_draft_organisation(rest, site, bodies):
    response = rest("agent").get(f"{site}/@desks", params={"organisation": bodies["orga-brouillon"].UID()})
    assert response.status_code == 400  # as an unknown one: a hidden organisation is not revealed


def test_life_events_name_the_bodies(rest, site, bodies):
    """@life-events: each sheet names its competent bodies (other bodies first)."""
    sheet = bodies["orga-creche"]
    sheet.life_events = ["naissance"]
    sheet.reindexObject()
    transaction.commit()
    events = rest().get(f"{site}/@life-events").json()["items"]
    listed = next(item for event in events if event["token"] == "naissance" for item in event["items"] if item["@id"] == sheet.absolute_url())
    assert [(c["title"], c["case"]) for c in listed["competent"]] == [
        ("Agglomération d'essai", "Enfant de moins de 3 ans"),
        ("Commune de Ville-Exemple", "Enfant de plus de 3 ans"),
    ]


def test_an_organisations_notice_shows_in_the_listing(rest, site, bodies):
    """A notice on an organisation (notices/) is in @organisations and on /quel-guichet's data."""
    url = f"{site}/organismes/{AGGLO}"
    created = rest("redacteur").post(f"{url}/@notices", json={"kind": "suspended", "reason": "Accueil fermé pour inventaire"})
    assert created.status_code == 201, created.text
    items = {item["@id"]: item for item in rest().get(f"{site}/@organisations").json()["items"]}
    assert [(n["kind"], n["reason"]) for n in items[url]["notices"]] == [("suspended", "Accueil fermé pour inventaire")]
    assert "by" not in items[url]["notices"][0]
    assert rest("redacteur").delete(created.json()["@id"]).status_code == 204
    assert [item["notices"] for item in rest().get(f"{site}/@organisations").json()["items"] if item["@id"] == url] == [[]]
