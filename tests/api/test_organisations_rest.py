"""Organisations through plone.restapi, desks' organisation, `@desks?organisation=`
and the competences of a sheet (issue 16).

Anonymous callers read published organisations without the staff-only fields; a
draft one is refused them. A sheet's `competences` rows drop an organisation the
caller may not see. Bad input (an unknown kind, an invalid INSEE code, an unknown
pivot code, an unpublished competent organisation) is a 400 that stores nothing.
"""

import catalogue_factory as make
from plone import api
import pytest
import transaction


AGGLO, DRAFT, DESK, SHEET = "essai-agglo", "essai-brouillon", "essai-relais", "essai-fiche"
STAFF_PHONE, NOTES = "01 99 88 77 66", "Demander Mme Martin."
UNPUBLISHED = "L'organisme « Organisme en préparation » n'est pas publié : les usagers ne peuvent pas y être envoyés."


@pytest.fixture
def bodies(catalogue):
    created = catalogue(
        make.town(),
        make.agglomeration(
            AGGLO,
            "Agglomération d'essai",
            email="contact@agglo.example.org",
            online_contact_url=None,
            pivot_codes=["caf"],
            communes=["99001", "99002"],
            staff_phone=STAFF_PHONE,
            internal_notes=NOTES,
        ),
        make.organisation(DRAFT, "Organisme en préparation", kind="ccas"),
        make.department("essai-service", "Service d'essai"),
        make.desk(DESK, "Relais d'essai", organisation=AGGLO),
        make.sheet(
            SHEET,
            "Fiche d'essai",
            "essai-service",
            [],
            competences=[{"organisation": AGGLO, "case": "Enfant de moins de 3 ans"}, {"organisation": make.TOWN, "case": None}],
        ),
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(created[DRAFT], transition="retract")
    transaction.commit()
    return created


def stock_error(response):
    """The message of plone.restapi's own 400 for a field error (its deserializer)."""
    body = response.json()
    assert body["type"] == "BadRequest", body
    return body["message"]


def url(site, item):
    return f"{site}/{item.aq_parent.getId()}/{item.getId()}"


def test_anonymous_reads_a_published_organisation_without_staff_fields(rest, site, bodies):
    response = rest().get(url(site, bodies[AGGLO]))
    assert response.status_code == 200, response.text
    data = response.json()
    assert (data["@type"], data["title"], data["kind"]["token"], data["phone"]) == (
        "Organisation",
        "Agglomération d'essai",
        "intercommunalite",
        "01 00 00 00 02",
    )
    assert [term["token"] for term in data["pivot_codes"]] == ["caf"]
    assert data["communes"] == ["99001", "99002"]
    assert "staff_phone" not in data and "internal_notes" not in data
    assert STAFF_PHONE not in response.text and NOTES not in response.text


def test_staff_read_the_direct_line(rest, site, bodies):
    data = rest("agent").get(url(site, bodies[AGGLO])).json()
    assert (data["staff_phone"], data["internal_notes"]) == (STAFF_PHONE, NOTES)


def test_a_draft_organisation_is_refused_to_anonymous_callers(rest, site, bodies):
    assert rest().get(url(site, bodies[DRAFT])).status_code == 401
    assert rest("agent").get(url(site, bodies[DRAFT])).status_code == 401  # agents read what is published
    assert rest("redacteur").get(url(site, bodies[DRAFT])).status_code == 200


def test_post_and_patch_an_organisation(rest, site, bodies):
    payload = {"@type": "Organisation", "id": "essai-caf", "title": "Caf d'essai", "description": "Les prestations familiales.", "kind": "caf"}
    response = rest("redacteur").post(f"{site}/organismes", json={**payload, "pivot_codes": ["caf"], "communes": ["99001"]})
    assert response.status_code == 201, response.text
    assert response.json()["kind"]["token"] == "caf"
    response = rest("redacteur").patch(f"{site}/organismes/essai-caf", json={"phone": "01 23 45 67 89"})
    assert response.status_code == 204, response.text
    assert rest("redacteur").get(f"{site}/organismes/essai-caf").json()["phone"] == "01 23 45 67 89"


@pytest.mark.parametrize(
    "field, value",
    [("kind", "mairie_annexe"), ("communes", ["9900"]), ("communes", ["ABCDE"]), ("pivot_codes", ["pas_un_code"])],
)
def test_bad_organisation_input_stores_nothing(rest, site, bodies, field, value):
    payload = {"@type": "Organisation", "id": "essai-mauvais", "title": "Mauvais", "kind": "autre", field: value}
    response = rest("redacteur").post(f"{site}/organismes", json=payload)
    assert response.status_code == 400, response.text
    assert field in response.text
    assert rest("redacteur").get(f"{site}/organismes/essai-mauvais").status_code == 404
    response = rest("admin").patch(url(site, bodies[AGGLO]), json={field: value})
    assert response.status_code == 400, response.text
    data = rest("redacteur").get(url(site, bodies[AGGLO])).json()
    assert (data["kind"]["token"], data["communes"], [t["token"] for t in data["pivot_codes"]]) == ("intercommunalite", ["99001", "99002"], ["caf"])


def test_competences_drop_an_organisation_the_caller_may_not_see(rest, site, bodies):
    sheet = url(site, bodies[SHEET])
    agglo, town = bodies[AGGLO].UID(), bodies[make.TOWN].UID()
    rows = rest().get(sheet).json()["competences"]
    assert [(row["organisation"], row["case"]) for row in rows] == [(agglo, "Enfant de moins de 3 ans"), (town, None)]
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(bodies[AGGLO], transition="retract")
    transaction.commit()
    assert [row["organisation"] for row in rest().get(sheet).json()["competences"]] == [town]
    assert [row["organisation"] for row in rest("agent").get(sheet).json()["competences"]] == [town]
    assert [row["organisation"] for row in rest("redacteur").get(sheet).json()["competences"]] == [agglo, town]


def _desk(rest, site, user=None, **params):
    response = rest(user).get(f"{site}/@desks", params=params)
    assert response.status_code == 200, response.text
    return {item["title"]: item for item in response.json()["items"]}


def test_a_desk_names_its_organisation(rest, site, bodies):
    agglo = bodies[AGGLO]
    summary = {"UID": agglo.UID(), "@id": url(site, agglo), "title": "Agglomération d'essai", "kind": "intercommunalite", "is_town": False}
    assert _desk(rest, site)["Relais d'essai"]["organisation"] == summary
    # the Classic desk page's REST twin: the item itself names it through the relation
    assert rest().get(url(site, bodies[DESK])).json()["organisation"]["@id"] == url(site, agglo)


def test_a_hidden_organisation_is_not_named_by_its_desk(rest, site, bodies):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(bodies[AGGLO], transition="retract")
    transaction.commit()
    assert _desk(rest, site)["Relais d'essai"]["organisation"] is None
    assert _desk(rest, site, "redacteur")["Relais d'essai"]["organisation"]["title"] == "Agglomération d'essai"


def test_desks_filtered_by_organisation(rest, site, bodies):
    assert list(_desk(rest, site, organisation=bodies[AGGLO].UID())) == ["Relais d'essai"]
    town = _desk(rest, site, organisation=bodies[make.TOWN].UID())
    assert "Relais d'essai" not in town and f"{site}/guichets/mairie-centrale" in [item["@id"] for item in town.values()]
    assert all(item["organisation"]["is_town"] for item in town.values())


FILTER_ERROR = "Aucun organisme n'a cet UID : ?organisation= attend l'UID d'un organisme."


@pytest.mark.parametrize("user", [None, "redacteur"])
def test_desks_filter_refuses_what_is_not_a_visible_organisation(rest, site, bodies, user):
    for value in ("inconnu", bodies[SHEET].UID(), bodies[DESK].UID()):
        response = rest(user).get(f"{site}/@desks", params={"organisation": value})
        assert response.status_code == 400, (value, response.text)
        assert response.json() == {"error": {"type": "BadRequest", "message": FILTER_ERROR}}
    response = rest(user).get(f"{site}/@desks", params=[("organisation", bodies[AGGLO].UID())] * 2)
    assert (response.status_code, response.json()["error"]["message"]) == (400, "Donnez « organisation » une seule fois.")


def test_a_draft_organisation_filters_for_staff_only(rest, site, bodies):
    draft = bodies[DRAFT].UID()
    assert rest().get(f"{site}/@desks", params={"organisation": draft}).status_code == 400
    assert rest("agent").get(f"{site}/@desks", params={"organisation": draft}).status_code == 400
    assert _desk(rest, site, "redacteur", organisation=draft) == {}


def _sheet_payload(bodies, organisation):
    return {
        "@type": "ServiceSheet",
        "id": "essai-nouvelle",
        "title": "Nouvelle démarche",
        "description": "Une démarche d'essai.",
        "eligibility": {"data": "<p>Tout le monde.</p>", "content-type": "text/html"},
        "channels": ["on_site"],
        "no_document_needed": True,
        "department": bodies["essai-service"].UID(),
        "competences": [{"organisation": organisation, "case": None}],
    }


def test_post_a_sheet_naming_an_unpublished_organisation_creates_nothing(rest, site, bodies):
    response = rest("redacteur").post(f"{site}/demarches", json=_sheet_payload(bodies, bodies[DRAFT].UID()))
    assert response.status_code == 400, response.text
    assert UNPUBLISHED in stock_error(response)
    assert rest("redacteur").get(f"{site}/demarches/essai-nouvelle").status_code == 404
    response = rest("redacteur").post(f"{site}/demarches", json=_sheet_payload(bodies, "pas-un-uid"))
    assert response.status_code == 400, response.text
    assert "Valeur inconnue « pas-un-uid »." in stock_error(response)  # not in the vocabulary of organisations


def test_patch_a_sheet_to_an_unpublished_organisation_changes_nothing(rest, site, bodies):
    sheet = url(site, bodies[SHEET])
    before = rest("redacteur").get(sheet).json()["competences"]
    response = rest("admin").patch(sheet, json={"competences": [{"organisation": bodies[DRAFT].UID(), "case": None}]})
    assert response.status_code == 400, response.text
    assert UNPUBLISHED in stock_error(response)
    assert rest("redacteur").get(sheet).json()["competences"] == before


def test_a_sheet_without_competent_organisation_cannot_be_published(rest, site, bodies):
    payload = {**_sheet_payload(bodies, None), "desks": [bodies[DESK].UID()]}
    del payload["competences"]
    response = rest("redacteur").post(f"{site}/demarches", json=payload)
    assert response.status_code == 201, response.text
    sheet = response.json()["@id"]
    assert rest("redacteur").post(f"{sheet}/@workflow/submit").status_code == 200
    response = rest("valideur").post(f"{sheet}/@workflow/publish")
    assert response.status_code == 400, response.text
    assert response.json()["error"]["message"] == "Publication impossible : il manque l'organisme compétent."
