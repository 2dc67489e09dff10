"""The public site app (guichet_kb.public) served for real against the demo Plone test site."""

from guichet_kb.public.config import Settings
import json
from public_helpers import serve_public
import pytest
import re
from repo_paths import SRC
import requests
import time
from zope_free import zope_modules_loaded_by


PHONE = "01 02 03 04 05"


@pytest.fixture
def public(site):
    with serve_public(Settings(plone_url=site, town_hall_phone=PHONE, cache_ttl=1)) as url:
        session = requests.Session()
        session.headers["User-Agent"] = "pytest-bot"
        yield url, session
        session.close()


def path_of(url):
    return "/" + url.split("/", 4)[4]


def test_imports_nothing_from_zope_or_plone():
    assert zope_modules_loaded_by("import guichet_kb.public.app as a, guichet_kb.public.__main__; a.create_app()") == "[]"


def test_home_shows_top_services_and_life_events(public, rest, site):
    url, http = public
    page = http.get(url + "/")
    assert page.status_code == 200 and 'lang="fr"' in page.text
    top = rest().get(f"{site}/@top-services").json()["items"]
    events = rest().get(f"{site}/@life-events").json()["items"]
    assert top and events
    for item in top:  # each top service is one click away
        assert f'href="{path_of(item["@id"])}"' in page.text
    for event in events:
        assert f'href="/evenements/{event["token"]}"' in page.text
    assert 'role="search"' in page.text and 'class="skip" href="#contenu"' in page.text
    assert "Que recherchez-vous ?" in page.text  # French from the guichet_kb_public catalogue
    assert f'<link rel="canonical" href="{url}/">' in page.text


def test_sheet_page(public, rest, site):
    url, http = public
    data = rest().get(f"{site}/demarches/carte-identite", params={"expand": "guichet"}).json()
    guichet = data["@components"]["guichet"]
    page = http.get(url + "/demarches/carte-identite").text
    text = page.replace("&#39;", "'")
    assert f"<h1>{data['title']}</h1>" in text
    for document in guichet["documents"]:
        assert document["title"] in text
    for desk in guichet["desks"]:
        assert desk["title"] in text and desk["week"][0]["ranges"][0][0] in text
    online = text.index(f'class="button primary" href="{data["online_service_url"]}"')
    assert online < text.index('id="pieces"'), "the online button comes first"
    assert "Vérifié le" in text and "Cette page vous a-t-elle été utile ?" in text
    for answer in guichet["related_answers"]:
        assert path_of(answer["@id"]) in text
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["@type"] == "GovernmentService" and ld["name"] == data["title"]
    assert ld["url"] == f"{url}/demarches/carte-identite"
    assert f'<link rel="canonical" href="{url}/demarches/carte-identite">' in page


def test_search_page_and_instant_results(public, rest, site):
    url, http = public
    best = rest().get(f"{site}/@answer", params={"q": "carte d'identité"}).json()["items"][0]
    page = http.get(url + "/recherche", params={"q": "carte d'identité"})
    assert page.status_code == 200 and path_of(best["@id"]) in page.text
    assert '<meta name="robots" content="noindex">' in page.text
    instant = http.get(url + "/recherche.json", params={"q": "carte d'identité"}).json()
    assert instant["items"][0]["url"] == path_of(best["@id"])
    assert http.get(url + "/recherche").status_code == 200  # empty query: the form only


@pytest.mark.parametrize(
    "path, api_path, key",
    [
        ("/questions/cni-perdue", "questions/cni-perdue", "title"),
        ("/guichets/mairie-centrale", "guichets/mairie-centrale", "title"),
        ("/guichets", "@desks", None),
        ("/evenements/naissance", "@life-events", None),
    ],
)
def test_other_pages(public, rest, site, path, api_path, key):
    url, http = public
    page = http.get(url + path)
    assert page.status_code == 200
    text = page.text.replace("&#39;", "'")
    data = rest().get(f"{site}/{api_path}").json()
    titles = [data[key]] if key else [i["title"] for i in data["items"]][:1]
    for title in titles:
        assert title in text
    if path.startswith("/evenements/"):
        for item in data["items"][0]["items"]:
            assert path_of(item["@id"]) in text


@pytest.mark.parametrize(
    "path",
    [
        "/nope",
        "/demarches/nope",
        "/demarches/..%2F..%2Facl_users",
        "/guichets/carte-identite",
        "/evenements/nope",
        "/demarches/a/b",
        "/static/site.0000.css",
    ],
)
def test_unknown_paths_are_a_helpful_404(public, path):
    url, http = public
    page = http.get(url + path)
    assert page.status_code == 404
    assert 'role="search"' in page.text and "Page introuvable" in page.text


def test_hostile_query_strings(public):
    url, http = public
    page = http.get(url + "/recherche?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert page.status_code == 200 and "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    page = http.get(url + "/recherche", params={"q": "x" * 10000})
    assert page.status_code == 200 and "x" * 201 not in page.text and 'value="' + "x" * 200 + '"' in page.text
    for raw in ("/recherche?q=%FF%FE%C3", "/recherche?q=caf%E9", "/recherche.json?q=%00%FFab%E2%80%AE"):
        page = http.get(url + raw)
        assert page.status_code == 200 and "Traceback" not in page.text and "\x00" not in page.text


def test_favicon_and_home_page_description(public):
    import html

    url, http = public
    icon_file = SRC / "public" / "static" / "favicon.ico"
    icon = http.get(url + "/favicon.ico")
    assert icon.status_code == 200 and icon.content == icon_file.read_bytes() and icon.content[:4] == b"\0\0\1\0"  # an ICO file
    assert icon.headers["content-type"] == "image/vnd.microsoft.icon"
    assert icon.headers["cache-control"] == "public, max-age=604800"
    assert http.get(url + "/favicon.ico", headers={"If-None-Match": icon.headers["etag"]}).status_code == 304
    page = http.get(url + "/").text
    (description,) = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert html.unescape(description) == (
        "Toutes les démarches de la mairie au même endroit : pièces à fournir, où aller, horaires d'ouverture, coût et délai."
    )
    (link,) = re.findall(r'<link rel="icon" href="([^"]+)" sizes="16x16 32x32 48x48">', page)
    linked = http.get(url + link)
    assert linked.content == icon.content and linked.headers["content-type"] == "image/vnd.microsoft.icon"
    assert linked.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_sitemap_and_robots(public, rest, site):
    url, http = public
    sitemap = http.get(url + "/sitemap.xml")
    assert sitemap.status_code == 200 and sitemap.headers["content-type"].startswith("application/xml")
    sheets = rest().get(f"{site}/@search", params={"portal_type": "ServiceSheet", "b_size": 500}).json()["items"]
    for sheet in sheets:
        assert f"<loc>{url}{path_of(sheet['@id'])}</loc>" in sitemap.text
    robots = http.get(url + "/robots.txt").text
    assert f"Sitemap: {url}/sitemap.xml" in robots


def test_assets_fingerprinted_and_page_weight(public):
    url, http = public
    for path in ("/", "/demarches/carte-identite"):
        page = http.get(url + path)
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text)
        assert len(assets) == 3
        total = len(page.content)
        for asset in assets:
            assert re.match(r"^/static/(site\.[0-9a-f]{12}\.(css|js)|favicon\.[0-9a-f]{12}\.ico)$", asset)
            response = http.get(url + asset)
            assert "immutable" in response.headers["cache-control"] and "max-age=31536000" in response.headers["cache-control"]
            total += len(response.content)
        assert total <= 100 * 1024, f"{path} weighs {total} bytes"


def test_cache_headers_etag_and_304(public):
    url, http = public
    page = http.get(url + "/demarches/carte-identite")
    assert "public" in page.headers["cache-control"] and "max-age=1" in page.headers["cache-control"]
    again = http.get(url + "/demarches/carte-identite", headers={"If-None-Match": page.headers["etag"]})
    assert again.status_code == 304 and not again.content
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_a_publication_shows_within_the_cache_lifetime(public, rest, site):
    url, http = public
    assert "Titre revu" not in http.get(url + "/demarches/passeport").text
    response = rest("admin").patch(f"{site}/demarches/passeport", json={"title": "Passeport (titre revu)"})
    assert response.status_code == 204
    time.sleep(1.1)  # this app's cache lifetime is 1 s (60 s at most in production)
    assert "Passeport (titre revu)" in http.get(url + "/demarches/passeport").text


def test_feedback_goes_to_plone(public, rest, site):
    url, http = public
    uid = rest().get(f"{site}/demarches/passeport").json()["UID"]
    form = {"uid": uid, "utile": "non", "commentaire": "Il manque le délai <b>réel</b>", "retour": "/demarches/passeport"}
    response = http.post(url + "/avis", data=form, allow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/demarches/passeport?avis=merci#avis"
    thanks = http.get(url + response.headers["location"])
    assert "Merci pour votre réponse." in thanks.text
    queue = rest("valideur").get(f"{site}/@review-queue", params={"reason": "feedback"}).json()
    entry = next(item for item in queue["items"] if item["UID"] == uid)
    assert [d["comment"] for d in entry["details"]] == [form["commentaire"]]


def test_feedback_bad_input_and_rate_limit(public, rest, site):
    url, http = public
    uid = rest().get(f"{site}/demarches/passeport").json()["UID"]
    good = {"uid": uid, "utile": "oui", "retour": "/demarches/passeport"}
    for bad in ({**good, "uid": "x"}, {**good, "utile": "peut-être"}, {**good, "retour": "https://evil.example/"}):
        assert http.post(url + "/avis", data=bad, allow_redirects=False).status_code == 400
    assert http.post(url + "/avis", data={**good, "commentaire": "x" * 5000}, allow_redirects=False).status_code == 413
    statuses = [http.post(url + "/avis", data=good, allow_redirects=False).status_code for _ in range(7)]
    assert statuses[:5] == [303] * 5 and statuses[5:] == [429, 429]


def test_a_retracted_sheet_disappears(public, rest, site):
    url, http = public
    assert http.get(url + "/demarches/passeport").status_code == 200
    assert rest("valideur").post(f"{site}/demarches/passeport/@workflow/retract").status_code == 200
    time.sleep(1.1)
    page = http.get(url + "/demarches/passeport")
    assert page.status_code == 404 and 'role="search"' in page.text


def test_desk_exception_without_end_date(public, rest, site):
    """An exception with no end lasts its start day (the page crashed on it)."""
    import datetime

    url, http = public
    day = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    exceptions = [{"start": day, "label": "Inventaire", "closed": True}]
    assert rest("admin").patch(f"{site}/guichets/mairie-annexe", json={"hours_exceptions": exceptions}).status_code == 204
    page = http.get(url + "/guichets/mairie-annexe")
    assert page.status_code == 200
    item = re.search(r"<li>Inventaire \(([^)]*)\) : fermé</li>", page.text)
    assert item and "–" not in item.group(1)
