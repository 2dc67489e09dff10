"""Issue 16, "done when": from the home page, a citizen finds in one click which body
handles early-childhood registration and where (real headless Chromium on the public
site app, against the functional site). The data: an agglomeration handling crèche
registration for children under three, with its relais petite enfance (built with
the catalogue factory: the demo's own enrichment lands later)."""

from browser_helpers import css
from browser_helpers import wait_for
import catalogue_factory as make
from guichet_kb.public.config import Settings
from public_helpers import serve_public
import pytest


AGGLO_TITLE = "Communauté d'agglomération des Tilleuls"
SHEET_TITLE = "Inscription en crèche (enfant de moins de 3 ans)"
DESK_TITLE = "Relais petite enfance des Tilleuls"


@pytest.fixture
def public(site, catalogue):
    catalogue(
        make.town(),
        make.organisation("tilleuls-agglo", AGGLO_TITLE, kind="intercommunalite", website="https://tilleuls.example.org"),
        make.department("tilleuls-service", "Service petite enfance des Tilleuls"),
        make.desk("tilleuls-relais", DESK_TITLE, organisation="tilleuls-agglo"),
        make.sheet(
            "tilleuls-creche",
            SHEET_TITLE,
            "tilleuls-service",
            [],
            competences=[{"organisation": "tilleuls-agglo", "case": "Enfant de moins de 3 ans"}],
        ),
    )
    with serve_public(Settings(plone_url=site, town_hall_phone="01 02 03 04 05", cache_ttl=1)) as url:
        yield url


def test_one_click_from_home_to_the_body_and_desk(chromium, public):
    chromium.set_window_size(375, 800)  # a phone, portrait
    chromium.get(public + "/")
    link = css(chromium, "main a.button[href='/quel-guichet']")[0]
    assert link.is_displayed() and link.text == "Quel guichet pour ma démarche ?"
    link.click()  # the one click
    wait_for(lambda: chromium.current_url == public + "/quel-guichet")
    assert css(chromium, "h1")[0].text == "Quel guichet pour ma démarche ?"
    body = wait_for(lambda: css(chromium, "li#tilleuls-agglo"))[0]
    assert body.is_displayed()
    assert body.find_element("css selector", "h2").text == AGGLO_TITLE
    handled = [a.text for a in body.find_elements("css selector", ".handles a")]
    assert handled == [SHEET_TITLE]
    assert "(pour : Enfant de moins de 3 ans)" in body.find_element("css selector", ".handles").text
    desk = body.find_element("css selector", ".body-desks li")
    assert desk.find_element("css selector", "a").text == DESK_TITLE
    assert "Aujourd'hui :" in desk.text and ("Ouvert" in desk.text or "Fermé" in desk.text)
    # The sheet, one more click, says first who handles it.
    body.find_element("css selector", ".handles a").click()
    wait_for(lambda: chromium.current_url.endswith("/demarches/tilleuls-creche"))
    block = css(chromium, "#qui-traite")[0]
    assert block.location["y"] < css(chromium, "#pieces")[0].location["y"]
    assert "Cette démarche est traitée par :" in block.text and AGGLO_TITLE in block.text and DESK_TITLE in block.text


def test_the_filter_works_without_javascript(public):
    """The kind filter is a plain GET form: the browser with JavaScript off submits it."""
    from browser_helpers import driver
    from selenium.webdriver.support.ui import Select

    nojs = driver(javascript=False)
    try:
        nojs.set_window_size(375, 800)
        nojs.get(public + "/quel-guichet")
        Select(css(nojs, "#type")[0]).select_by_value("intercommunalite")
        css(nojs, "form.filters button[type=submit]")[0].click()
        wait_for(lambda: "type=intercommunalite" in nojs.current_url)
        titles = [h.text for h in css(nojs, ".bodies h2")]
        assert AGGLO_TITLE in titles and "Commune de Ville-Exemple" not in titles
    finally:
        nojs.quit()


def test_on_the_demo_one_click_names_the_agglomeration_for_a_creche(chromium, site):
    """The same on the demo territory itself (demo/catalogue.json): the agglomeration
    handles crèche places for children under three, at its Relais petite enfance."""
    with serve_public(Settings(plone_url=site, town_hall_phone="01 02 03 04 05", cache_ttl=1)) as url:
        chromium.set_window_size(375, 800)
        chromium.get(url + "/")
        css(chromium, "main a.button[href='/quel-guichet']")[0].click()
        body = wait_for(lambda: css(chromium, "li#agglo-exemple"))[0]
        assert body.find_element("css selector", "h2").text == "Communauté d'agglomération du Pays d'Exemple"
        handles = body.find_element("css selector", ".handles").text
        assert "Demande de place en crèche (pour : Enfant de moins de 3 ans)" in handles
        assert "Relais petite enfance" in [a.text for a in body.find_elements("css selector", ".body-desks li a")]
