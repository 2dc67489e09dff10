"""Service notices on the public site: the sheet page, the desk page, the home page's banner."""

from guichet_kb.public.config import Settings
import os
from public_helpers import serve_public
import pytest
import requests


PORT = int(os.environ.get("GUICHET_PUBLIC_TEST_PORT", "56220"))  # this session's range
SHEET = "demarches/fiche-essai"
DESK = "guichets/fiche-essai-guichet"
SUSPENDED = {"kind": "suspended", "reason": "Rendez-vous CNI suspendus", "end": "2099-12-12T18:00:00+01:00"}
DISRUPTED = {"kind": "disrupted", "reason": "Guichet fermé le matin pour travaux"}


@pytest.fixture
def public(site):
    with serve_public(Settings(plone_url=site, cache_ttl=0), port=PORT) as url:
        with requests.Session() as session:
            session.headers["User-Agent"] = "pytest-bot"
            yield url, session


def notice(rest, url, body):
    response = rest("redacteur").post(f"{url}/@notices", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_sheet_page_shows_its_notice_and_its_desks(public, rest, site, own_sheet):
    url, http = public
    assert 'class="notice' not in http.get(f"{url}/{SHEET}").text
    notice(rest, f"{site}/{SHEET}", SUSPENDED)
    notice(rest, f"{site}/{DESK}", DISRUPTED)
    page = http.get(f"{url}/{SHEET}").text.replace("&#39;", "'")
    assert (
        '<div class="notice notice-suspended" role="alert">\n'
        '  <p><strong class="notice-kind">Service suspendu</strong> — Fiche d\'essai :\n'
        '  <span class="notice-reason">Rendez-vous CNI suspendus</span> <span class="notice-until">jusqu\'au 12 décembre 2099</span></p>'
    ) in page
    assert '<div class="notice notice-disrupted" role="status">' in page
    assert "Service perturbé</strong> — " in page and "Guichet fermé le matin pour travaux</span></p>" in page
    assert "redacteur" not in page  # who wrote it is staff's
    desk_page = http.get(f"{url}/{DESK}").text
    assert desk_page.count('class="notice ') == 1 and "Guichet fermé le matin pour travaux" in desk_page


def test_home_banner_when_a_top_service_is_touched(public, rest, site):
    url, http = public
    # The demo's own notice on its first top service (the ID card, demo/catalogue.json).
    first, top = rest().get(f"{site}/@top-services").json()["items"][:2]
    page = http.get(f"{url}/").text.replace("&#39;", "'")
    assert f'Service perturbé</strong> — <a href="/demarches/carte-identite">{first["title"]}</a> :' in page
    path = "/" + top["@id"].split("/", 4)[4]
    banner = f'Service suspendu</strong> — <a href="{path}">{top["title"]}</a> :'
    assert banner not in page
    created = notice(rest, top["@id"], SUSPENDED)
    try:
        page = http.get(f"{url}/").text.replace("&#39;", "'")
        assert '<section class="notices" aria-label="Avis de service">' in page
        assert banner in page
        assert "jusqu'au 12 décembre 2099" in page
    finally:
        assert rest("redacteur").delete(created["@id"]).status_code == 204
    assert banner not in http.get(f"{url}/").text.replace("&#39;", "'")


def test_a_notice_on_an_unpublished_sheet_shows_nowhere_public(public, rest, site, own_sheet):
    from plone import api
    import transaction

    url, http = public
    notice(rest, f"{site}/{SHEET}", SUSPENDED)
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(api.content.get(path=f"/{SHEET}"), "retract")
    transaction.commit()
    assert http.get(f"{url}/{SHEET}").status_code == 404
    assert rest().get(f"{site}/{SHEET}").status_code in (401, 404)
    items = rest().get(f"{site}/@answer", params={"q": "fiche essai"}).json()["items"]
    assert all(n["reason"] != SUSPENDED["reason"] for i in items for n in i["notices"])
