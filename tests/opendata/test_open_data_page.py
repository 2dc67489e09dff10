"""The public site's « Données ouvertes » page (issue 17): the files with format, size,
date and licence, and the data dictionary, in French, without JavaScript, linked from
every page's footer; each file downloads through the public site as Plone serves it;
axe-core finds no serious or critical violation. Before the first generation the page
says the files are not there yet."""

from browser_helpers import axe_path
from browser_helpers import axe_violations
from browser_helpers import CHROMEDRIVER
from browser_helpers import CHROMIUM
from browser_helpers import css
from browser_helpers import driver
from browser_helpers import serious
from guichet_kb.facts import OPEN_DATA_FILES
from guichet_kb.facts import OPEN_DATA_LICENCE_URL
from guichet_kb.opendata.dictionary import CATALOGUE_COLUMNS
from guichet_kb.opendata.dictionary import MONTHLY_COLUMNS
from guichet_kb.public.config import Settings
import os
from public_helpers import serve_public
import pytest
import requests


def _public(site):
    return serve_public(Settings(plone_url=site, cache_ttl=0))


@pytest.fixture
def generated(rest, site):
    response = rest("admin").post(f"{site}/@open-data")
    assert response.status_code == 200, response.text
    return response.json()


def _browser(javascript):
    missing = [p for p in (CHROMIUM, CHROMEDRIVER, str(axe_path())) if not os.path.exists(p)]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"run scripts/browser.sh first, missing: {missing}")
        pytest.skip(f"run scripts/browser.sh first, missing: {missing}")
    chromium = driver(javascript=javascript)
    chromium.set_script_timeout(60)
    return chromium


@pytest.fixture
def browser_nojs():
    chromium = _browser(javascript=False)
    yield chromium
    chromium.quit()


@pytest.fixture
def browser():
    chromium = _browser(javascript=True)
    yield chromium
    chromium.quit()


def test_before_the_first_generation_the_page_says_so(site):
    with _public(site) as url:
        page = requests.get(f"{url}/donnees-ouvertes", timeout=30)
    assert page.status_code == 200
    assert "Les fichiers ne sont pas encore générés : ils sont produits chaque nuit." in page.text
    with _public(site) as url:
        assert requests.get(f"{url}/donnees-ouvertes/catalogue.csv", timeout=30).status_code == 404


def test_files_download_through_the_public_site(rest, site, generated):
    with _public(site) as url:
        for item in generated["items"]:
            mine = requests.get(f"{url}/donnees-ouvertes/{item['name']}", timeout=30)
            plone = rest(None).get(item["@id"])
            assert (mine.status_code, mine.content) == (200, plone.content), item["name"]
            for header in ("Content-Type", "Content-Disposition", "ETag", "Last-Modified"):
                assert mine.headers[header] == plone.headers[header], (item["name"], header)
            again = requests.get(f"{url}/donnees-ouvertes/{item['name']}", headers={"If-None-Match": mine.headers["ETag"]}, timeout=30)
            assert again.status_code == 304
        unknown = requests.get(f"{url}/donnees-ouvertes/secret.csv", timeout=30)
        assert unknown.status_code == 404 and "text/html" in unknown.headers["Content-Type"]


def test_page_without_javascript_lists_files_and_dictionary(browser_nojs, site, generated):
    browser = browser_nojs
    with _public(site) as url:
        browser.get(f"{url}/")
        link = [a for a in css(browser, "footer a") if a.text == "Données ouvertes"]
        assert link and link[0].get_attribute("href") == f"{url}/donnees-ouvertes"
        link[0].click()
        assert css(browser, "h1")[0].text == "Données ouvertes"
        files = css(browser, "table.data")[0]
        assert [a.text for a in files.find_elements("css selector", "tbody th a")] == list(OPEN_DATA_FILES)
        first = files.find_elements("css selector", "tbody tr")[0].find_elements("css selector", "td")
        assert first[1].text == "CSV" and first[2].text.endswith(("octets", "ko", "Mo"))
        assert [a.get_attribute("href") for a in css(browser, "main a") if "Licence Ouverte" in a.text] == [OPEN_DATA_LICENCE_URL]
        dictionary = css(browser, "table.data")[1].find_elements("css selector", "tbody tr")
        assert len(dictionary) == len(CATALOGUE_COLUMNS) + len(MONTHLY_COLUMNS)
        assert dictionary[1].find_elements("css selector", "td")[2].text == "Intitulé de la démarche."


def test_page_passes_axe(browser, site, generated):
    with _public(site) as url:
        browser.get(f"{url}/donnees-ouvertes")
        violations = axe_violations(browser)
    assert serious(violations) == []
