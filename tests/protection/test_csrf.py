"""Cookie-authenticated REST writes must come from the site itself (Origin, Referer or
plone.protect's token); Basic and JWT bearer clients work as before."""

import catalogue_factory as make
from guichet_kb.testing import DEMO_PASSWORD
import pytest
import requests


FOREIGN = "https://evil.example"
MESSAGE = "Rechargez la page : son jeton de sécurité manque ou a expiré."


def browser_session(site, user="redacteur"):
    """Logged in through the Classic UI form, as a browser: the __ac cookie."""
    session = requests.Session()
    session.headers.update({"Accept": "application/json", "Accept-Language": "fr"})
    response = session.post(
        f"{site}/login",
        headers={"Accept": "text/html"},
        data={"__ac_name": user, "__ac_password": DEMO_PASSWORD, "came_from": site, "buttons.login": "Se connecter", "form.submitted": "1"},
    )
    assert response.status_code == 200 and "__ac" in session.cookies
    return session


def origin_of(site):
    return site.split("/", 3)[0] + "//" + site.split("/", 3)[2]


@pytest.fixture
def sheet_url(catalogue):
    """A published sheet of the test's own."""
    return catalogue(*make.standalone_sheet("fiche-essai", "Fiche d'essai"))["fiche-essai"].absolute_url()


def current_title(rest, sheet_url):
    return rest("admin").get(sheet_url).json()["title"]


def test_forged_cookie_patch_is_refused_and_changes_nothing(rest, site, sheet_url):
    before = current_title(rest, sheet_url)
    session = browser_session(site)
    # What a page on another site can make the editor's browser send: text/plain, no token.
    draft = rest("redacteur").post(f"{site}/demarches", json={"@type": "ServiceSheet", "title": "Brouillon"}).json()["@id"]
    for headers in ({"Origin": FOREIGN}, {"Origin": "null"}, {"Referer": FOREIGN + "/page"}, {}):
        response = session.patch(draft, data='{"title": "Piraté"}', headers={"Content-Type": "text/plain", **headers})
        assert response.status_code == 403, (headers, response.text)
        assert response.json() == {"error": {"type": "Forbidden", "message": MESSAGE}}
    assert rest("redacteur").get(draft).json()["title"] == "Brouillon"
    assert current_title(rest, sheet_url) == before


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("POST", "demarches", {"@type": "ServiceSheet", "title": "Créée ailleurs"}),
        ("DELETE", "demarches/{draft}", None),
        ("POST", "demarches/{draft}/@workflow/submit", None),
        ("PATCH", "@search-settings", {"synonyms": ["piraté, hacké"]}),
        ("POST", "@interactions", {"channel": "telephone", "outcome": "not_answered"}),
    ],
)
def test_every_unsafe_rest_call_is_covered(rest, site, method, path, body):
    draft = rest("redacteur").post(f"{site}/demarches", json={"@type": "ServiceSheet", "title": "Brouillon", "id": "brouillon"}).json()
    session = browser_session(site, "redacteur" if "interactions" not in path else "agent")
    before = rest("admin").get(f"{site}/@search-settings").json(), rest("admin").get(f"{site}/demarches").json()["items_total"]
    url = f"{site}/{path.format(draft=draft['id'])}"
    response = session.request(method, url, json=body, headers={"Origin": FOREIGN})
    assert response.status_code == 403 and response.json()["error"]["type"] == "Forbidden"
    assert rest("redacteur").get(draft["@id"]).json()["review_state"] == "draft"
    assert (rest("admin").get(f"{site}/@search-settings").json(), rest("admin").get(f"{site}/demarches").json()["items_total"]) == before


def test_same_origin_cookie_requests_work(rest, site):
    session = browser_session(site)
    draft = session.post(f"{site}/demarches", json={"@type": "ServiceSheet", "title": "Brouillon"}, headers={"Origin": origin_of(site)})
    assert draft.status_code == 201, draft.text
    url = draft.json()["@id"]
    assert session.patch(url, json={"title": "Par l'origine"}, headers={"Origin": origin_of(site)}).status_code == 204
    assert session.patch(url, json={"title": "Par le référent"}, headers={"Referer": f"{site}/@@edit"}).status_code == 204
    token = session.get(f"{site}/@@authenticator/token", headers={"Accept": "text/html"})
    assert token.status_code == 200
    # A foreign-looking Origin with plone.protect's token is the site's own page behind another name: accepted.
    response = session.patch(url, json={"title": "Par le jeton"}, headers={"X-CSRF-TOKEN": token.text.strip(), "Origin": FOREIGN})
    assert response.status_code == 204, response.text
    assert rest("redacteur").get(url).json()["title"] == "Par le jeton"


def test_basic_and_bearer_clients_need_nothing_more(rest, site):
    basic = rest("redacteur")
    draft = basic.post(f"{site}/demarches", json={"@type": "ServiceSheet", "title": "Par script"})
    assert draft.status_code == 201
    url = draft.json()["@id"]
    assert basic.patch(url, json={"title": "Par script (Basic)"}).status_code == 204
    token = requests.post(f"{site}/@login", json={"login": "redacteur", "password": DEMO_PASSWORD}, headers={"Accept": "application/json"}).json()[
        "token"
    ]
    bearer = requests.Session()
    bearer.headers.update({"Accept": "application/json", "Authorization": f"Bearer {token}"})
    assert bearer.patch(url, json={"title": "Par script (JWT)"}).status_code == 204
    # A browser never adds a bearer token by itself: another origin (a single-page app) is fine.
    assert bearer.patch(url, json={"title": "Par une appli"}, headers={"Origin": FOREIGN}).status_code == 204
    # Cached Basic credentials are sent by a browser too: from another site, refused.
    assert basic.patch(url, json={"title": "Piraté"}, headers={"Origin": FOREIGN}).status_code == 403
    assert rest("redacteur").get(url).json()["title"] == "Par une appli"


def test_anonymous_posts_are_not_concerned(rest, site, sheet_url):
    uid = rest().get(sheet_url).json()["UID"]
    assert rest().post(f"{site}/@page-view", json={"uid": uid}, headers={"Origin": FOREIGN}).status_code == 204
