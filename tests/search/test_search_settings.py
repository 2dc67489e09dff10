"""@search-settings (REST) and @@search-settings (Classic UI): editors edit
synonyms and best bets; they apply to the next search; bad lines store nothing."""

from answer_helpers import answer
from answer_helpers import ids
import catalogue_factory as make
import pytest


# Sheets of the tests' own: a word no demo sheet uses, and the target of a best bet.
COLLECTE, DUPLICATA = "collecte-tritonnerie", "duplicata-essai"


@pytest.fixture
def sheets(catalogue):
    own = (make.department("service-essai", "Service d'essai"), make.desk("guichet-essai", "Guichet d'essai"))
    built = [
        make.sheet(id, title, "service-essai", ["guichet-essai"])
        for id, title in ((COLLECTE, "Collecte tritonnerie"), (DUPLICATA, "Duplicata d'essai"))
    ]
    return catalogue(*own, *built)


def settings_url(site):
    return f"{site}/@search-settings"


@pytest.mark.parametrize("user, status", [(None, 401), ("agent", 403), ("valideur", 403)])
def test_only_editors(rest, site, sheets, user, status):
    session = rest(user)
    assert session.get(settings_url(site)).status_code == status
    response = session.patch(settings_url(site), json={"synonyms": ["bazar, tritonnerie"]})
    assert response.status_code == status
    assert response.json()["error"]["message"]
    assert COLLECTE not in ids(answer(rest, site, q="bazar", b_size=5))


def test_editor_edits_synonyms_and_best_bets_applied_at_once(rest, site, sheets):
    editor = rest("redacteur")
    before = editor.get(settings_url(site)).json()
    assert any(line.startswith("CNI") for line in before["synonyms"])
    assert COLLECTE in ids(answer(rest, site, q="tritonnerie", b_size=5)) and COLLECTE not in ids(answer(rest, site, q="bazar", b_size=5))
    synonyms = before["synonyms"] + ["bazar, tritonnerie"]
    response = editor.patch(settings_url(site), json={"synonyms": synonyms, "best_bets": [f"papiers perdus => {DUPLICATA}"]})
    assert response.status_code == 200, response.text
    assert response.json()["synonyms"] == synonyms
    assert ids(answer(rest, site, q="bazar", b_size=1)) == [COLLECTE]
    assert ids(answer(rest, site, q="papiers perdus", b_size=1)) == [DUPLICATA]


@pytest.mark.parametrize(
    "body, words",
    [
        ({"synonyms": ["bazar"]}, "Ligne 1"),
        ({"synonyms": "bazar, encombrants"}, "synonyms"),
        ({"synonyms": [1, 2]}, "synonyms"),
        ({"best_bets": ["papiers perdus => nowhere-at-all"]}, "nowhere-at-all"),
        ({"best_bets": ["papiers perdus duplicata"]}, "=>"),
        ({"synonyms": ["a, b"], "colour": "red"}, "synonyms"),
        ({"synonyms": ["x" * 400 + ", y"]}, "300"),
        ([], "JSON"),
    ],
)
def test_bad_lines_are_refused_and_nothing_stored(rest, site, body, words):
    editor = rest("redacteur")
    before = editor.get(settings_url(site)).json()
    response = editor.patch(settings_url(site), json=body)
    assert response.status_code == 400
    assert words in response.json()["error"]["message"]
    assert editor.get(settings_url(site)).json() == before


def test_not_json_and_oversized(rest, site):
    editor = rest("redacteur")
    response = editor.patch(settings_url(site), data="{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    response = editor.patch(settings_url(site), json={"synonyms": ["a, b"] * 200_000})
    assert response.status_code == 413


def test_classic_ui_form(rest, site):
    editor = rest("redacteur")
    editor.headers["Accept"] = "text/html"
    page = editor.get(f"{site}/@@search-settings")
    assert page.status_code == 200
    assert "form.widgets.synonyms" in page.text
    agent = rest("agent")
    agent.headers["Accept"] = "text/html"
    assert agent.get(f"{site}/@@search-settings", allow_redirects=False).status_code in (302, 401, 403)


def test_upgrade_1012_writes_shipped_abbreviations_in_capitals(functional):
    from guichet_kb.upgrades import v1012
    from plone import api

    record = "guichet_kb.synonyms"
    before = api.portal.get_registry_record(record)
    try:
        api.portal.set_registry_record(record, ["cni, carte d'identité", "bazar,encombrants", "perdu, perte, égaré, volé, vol", "ame, aide médicale"])
        v1012.upgrade(None)
        assert api.portal.get_registry_record(record) == [
            "CNI, carte d'identité",
            "bazar,encombrants",
            "perdu, perte, égaré, égarée",
            "volé, vol, dérobé, cambriolage",
            "majeur, majeure, adulte",
            "renouvellement, périmé, périmée, expiré, expirée, expire",
            "ame, aide médicale",
        ]
        assert all(line in before for line in api.portal.get_registry_record(record)[2:6])  # the profile's lines
    finally:
        api.portal.set_registry_record(record, before)


def test_the_catalog_step_keeps_the_lexicon_and_1012_repairs_an_emptied_one(rest, site, functional):
    """An upgrade running the profile's catalog step used to empty the agent
    search's lexicon (GenericSetup saw a new pipeline element each time)."""
    from guichet_kb.upgrades import v1012
    from plone import api
    import transaction
    from zope.component.hooks import getSite

    catalog = api.portal.get_tool("portal_catalog")
    words = catalog.guichet_lexicon.length()
    api.portal.get_tool("portal_setup").runImportStepFromProfile("profile-guichet_kb:default", "catalog", run_dependencies=False)
    assert catalog.guichet_lexicon.length() == words > 0
    assert v1012.repair_lexicon() is False  # nothing to repair
    lexicon = catalog.guichet_lexicon
    lexicon.clear()  # what the catalog step did before
    transaction.commit()
    assert ids(answer(rest, site, q="passeport", b_size=3)) == []
    assert v1012.repair_lexicon() is True
    transaction.commit()
    assert lexicon.length() == words and "passeport" in ids(answer(rest, site, q="passeport", b_size=3))
    assert getSite() is not None
