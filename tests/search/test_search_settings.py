"""@search-settings (REST) and @@search-settings (Classic UI): editors edit
synonyms and best bets; they apply to the next search; bad lines store nothing."""

from answer_helpers import answer
from answer_helpers import ids
import pytest


def settings_url(site):
    return f"{site}/@search-settings"


@pytest.mark.parametrize("user, status", [(None, 401), ("agent", 403), ("valideur", 403)])
def test_only_editors(rest, site, user, status):
    session = rest(user)
    assert session.get(settings_url(site)).status_code == status
    response = session.patch(settings_url(site), json={"synonyms": ["bazar, encombrants"]})
    assert response.status_code == status
    assert response.json()["error"]["message"]
    assert "encombrants" not in ids(answer(rest, site, q="bazar", b_size=5))


def test_editor_edits_synonyms_and_best_bets_applied_at_once(rest, site):
    editor = rest("redacteur")
    before = editor.get(settings_url(site)).json()
    assert any(line.startswith("cni") for line in before["synonyms"])
    synonyms = before["synonyms"] + ["bazar, encombrants"]
    response = editor.patch(settings_url(site), json={"synonyms": synonyms, "best_bets": ["papiers perdus => duplicata-livret-famille"]})
    assert response.status_code == 200, response.text
    assert response.json()["synonyms"] == synonyms
    assert ids(answer(rest, site, q="bazar", b_size=1)) == ["encombrants"]
    assert ids(answer(rest, site, q="papiers perdus", b_size=1)) == ["duplicata-livret-famille"]


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
