"""Provenance: an imported sheet says it comes from Service-Public.fr, with the national
"vérifiée le" date, a link to the fiche and what the town added, on the REST answers
(guichet expansion, @answer), the CLI card, the Classic page, the public page (Chromium,
with its JSON-LD) and the agent console's card (Chromium); an item not imported, none."""

from browser_helpers import CHROMEDRIVER
from browser_helpers import CHROMIUM
from browser_helpers import css
from browser_helpers import driver
from browser_helpers import open_console
from browser_helpers import wait_for
import catalogue_factory as make
from guichet_kb.agent.cli import main as cli
from guichet_kb.public.config import Settings
from guichet_kb.testing import DEMO_PASSWORD
import json
from national_helpers import copy_fiche
from national_helpers import publish
from national_helpers import report
from national_helpers import update_nationally
from national_helpers import url_of
import os
from public_helpers import free_port
from public_helpers import serve_public
import pytest
from repo_paths import SERVICE_PUBLIC


pytestmark = pytest.mark.skipif(not SERVICE_PUBLIC.is_dir(), reason="../shared/data/service-public not present")

SOURCE_URL = "https://www.service-public.fr/particuliers/vosdroits/F1341"
LINE = "Source : Service-Public.fr, fiche vérifiée le 5 novembre 2020"
LOCAL = "Complété par la commune : guichets, service instructeur, qui est concerné et conditions."
PROVENANCE = {
    "source": "Service-Public.fr",
    "external_id": "F1341",
    "url": SOURCE_URL,
    "verified": "2020-11-05",
    "text": LINE,
    "local": ["guichets", "service instructeur", "qui est concerné et conditions"],
    "local_text": LOCAL,
}
TITLE = "Carte d'identité d'un majeur : première demande"
NOT_IMPORTED = "demarches/carte-identite"  # the demo town's own sheet
PUBLIC_PORT = free_port()


@pytest.fixture
def imported(site, tmp_path, capsys, rest, catalogue):
    """F1341 (dated 5 November 2020) imported, completed by the town and published: its URL."""
    department = catalogue(make.department("etat-civil-essai", "État civil d'essai"))["etat-civil-essai"].UID()
    fiche = copy_fiche(tmp_path / "fiches")
    update_nationally(fiche)
    report(site, capsys, str(fiche.parent))
    url = url_of(rest, site, "F1341")
    publish(rest, url, department)
    return url


def test_rest_expansion_and_answer(imported, site, rest):
    for user in (None, "agent"):
        data = rest(user).get(imported, params={"expand": "guichet"}).json()
        assert data["@components"]["guichet"]["provenance"] == PROVENANCE
        found = rest(user).get(f"{site}/@answer", params={"q": TITLE, "b_size": 20}).json()["items"]
        assert [i["provenance"] for i in found if i["@id"] == imported] == [PROVENANCE]
        assert all(i["provenance"] is None for i in found if i["@id"] != imported)  # the demo's sheets are not imported
    demo = rest().get(f"{site}/{NOT_IMPORTED}", params={"expand": "guichet"}).json()
    assert demo["@components"]["guichet"]["provenance"] is None


def test_cli_card(imported, site, capsys):
    capsys.readouterr()
    assert cli(["--url", site, "--user", "agent", "--password", DEMO_PASSWORD, "show", "F1341"]) == 0
    assert capsys.readouterr().out.endswith(f"\n\n{LINE} <{SOURCE_URL}>\n{LOCAL}\n")
    assert cli(["--url", site, "--user", "agent", "--password", DEMO_PASSWORD, "ask", TITLE]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{TITLE} (F1341)\n") and f"\n\n{LINE} <{SOURCE_URL}>\n{LOCAL}\n" in out
    assert cli(["--url", site, "--user", "agent", "--password", DEMO_PASSWORD, "show", NOT_IMPORTED]) == 0
    assert "Service-Public.fr" not in capsys.readouterr().out


def test_classic_page(imported, site, rest):
    html = rest().get(imported, headers={"Accept": "text/html"}).text
    assert f'<a href="{SOURCE_URL}">{LINE}</a>' in html
    assert f'<p class="mb-0">{LOCAL}</p>' in html
    assert "guichet-provenance" not in rest().get(f"{site}/{NOT_IMPORTED}", headers={"Accept": "text/html"}).text


@pytest.fixture(scope="module")
def chromium():
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(p)]
    if missing:
        pytest.skip(f"run scripts/browser.sh first, missing: {missing}")
    browser = driver()
    browser.set_window_size(1280, 1000)
    yield browser
    browser.quit()


def test_public_page_and_console_card(imported, site, chromium):
    path = "/demarches/" + imported.rsplit("/", 1)[1]
    with serve_public(Settings(plone_url=site, cache_ttl=0), port=PUBLIC_PORT) as public:
        chromium.get(public + path)
        link = css(chromium, "p.provenance a")[0]
        assert link.text == LINE and link.get_attribute("href") == SOURCE_URL
        assert css(chromium, "p.provenance")[0].text == f"{LINE}\n{LOCAL}"
        graph = json.loads(css(chromium, "script[type='application/ld+json']")[0].get_attribute("textContent"))
        assert graph["subjectOf"] == {
            "@type": "WebPage",
            "url": SOURCE_URL,
            "name": LINE,
            "dateModified": "2020-11-05",
            "publisher": {"@type": "GovernmentOrganization", "name": "Service-Public.fr"},
        }
        chromium.get(public + "/" + NOT_IMPORTED)
        assert css(chromium, "h1") and not css(chromium, "p.provenance")
        assert json.loads(css(chromium, "script[type='application/ld+json']")[0].get_attribute("textContent"))["subjectOf"] is None
    # The agent console's card.
    open_console(chromium, site, DEMO_PASSWORD)[0].send_keys(TITLE)
    result = wait_for(lambda: [li for li in css(chromium, "#agent-results li") if li.is_displayed() and li.text.startswith(TITLE)])[0]
    result.click()
    origin = wait_for(lambda: css(chromium, "#agent-provenance"))[0]
    assert origin.text == f"{LINE}\n{LOCAL}"
    assert css(chromium, "#agent-provenance a")[0].get_attribute("href") == SOURCE_URL


def test_public_answer_page(site, tmp_path, capsys, rest, catalogue):
    """An imported answer (F11601, related to F1341) on the public site: its provenance line."""
    department = catalogue(make.department("etat-civil-essai", "État civil d'essai"))["etat-civil-essai"].UID()
    folder = tmp_path / "fiches"
    for external_id in ("F1341", "F11601"):
        copy_fiche(folder, f"{external_id}.json", SERVICE_PUBLIC / "particuliers" / f"{external_id}.json")
    report(site, capsys, str(folder))
    publish(rest, url_of(rest, site, "F1341"), department)
    answer, sheet = url_of(rest, site, "F11601"), url_of(rest, site, "F1341")
    sheet_uid = rest("admin").get(sheet).json()["UID"]
    assert rest("admin").patch(answer, json={"related_sheets": [sheet_uid]}).status_code == 204  # the town links its sheet
    assert rest("admin").post(f"{answer}/@workflow/submit", json={}).status_code == 200
    response = rest("valideur").post(f"{answer}/@workflow/publish", json={})
    assert response.status_code == 200, response.text
    origin = rest().get(answer, params={"expand": "guichet"}).json()["@components"]["guichet"]["provenance"]
    assert origin["text"] == "Source : Service-Public.fr, fiche vérifiée le 8 octobre 2020"
    assert origin["url"] == "https://www.service-public.fr/particuliers/vosdroits/F11601" and origin["local_text"] is None
    with serve_public(Settings(plone_url=site, cache_ttl=0), port=PUBLIC_PORT) as public:
        page = rest().get(public + "/questions/" + answer.rsplit("/", 1)[1], headers={"Accept": "text/html"}).text
    assert f'<p class="meta provenance"><a href="{origin["url"]}">{origin["text"]}</a></p>' in page
