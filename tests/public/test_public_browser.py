"""The public site in Debian's Chromium (headless, driven by chromedriver from the same
Debian version; both installed by scripts/browser.sh): clicks, typing, keyboard only,
JavaScript off, portrait and landscape screenshots, and axe-core (npm) on every page type."""

from browser_helpers import CHROMEDRIVER
from browser_helpers import CHROMIUM
from browser_helpers import css
from browser_helpers import driver
from browser_helpers import wait_for
from guichet_kb.public.config import Settings
import json
import os
from public_helpers import serve_public
import pytest
from repo_paths import ROOT
import time


AXE = ROOT / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "var" / "artifacts"
PAGES = {  # page type -> path on the demo catalogue
    "home": "/",
    "search": "/recherche?q=carte+d%27identit%C3%A9",
    "sheet": "/demarches/carte-identite",
    "life-event": "/evenements/naissance",
    "desk": "/guichets/mairie-centrale",
    "which-desk": "/quel-guichet",  # issue 16
    "sheet-elsewhere": "/demarches/carte-grise",  # issue 16: handled by another body (the ANTS)
    "not-found": "/pas-de-page-ici",
}
VIEWPORTS = {"portrait": (375, 667), "landscape": (667, 375)}


def _require_browser():
    missing = [p for p in (CHROMIUM, CHROMEDRIVER, str(AXE)) if not os.path.exists(p)]
    if missing:
        message = f"run scripts/browser.sh first, missing: {missing}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def viewport(driver, name):
    width, height = VIEWPORTS[name]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    chromium = driver()
    yield chromium
    chromium.quit()


@pytest.fixture(scope="module")
def browser_nojs():
    _require_browser()
    chromium = driver(javascript=False)
    yield chromium
    chromium.quit()


@pytest.fixture
def public(site):
    with serve_public(Settings(plone_url=site, town_hall_phone="01 02 03 04 05", cache_ttl=30)) as url:
        yield url


def test_home_top_service_opens_in_one_click(browser, public, rest, site):
    viewport(browser, "portrait")
    browser.get(public + "/")
    tiles = css(browser, ".tiles a")
    top = rest().get(f"{site}/@top-services").json()["items"]
    assert [t.text for t in tiles] == [i["title"] for i in top]
    tiles[0].click()
    wait_for(lambda: browser.current_url == public + "/demarches/" + top[0]["@id"].rsplit("/", 1)[1])
    assert css(browser, "h1")[0].text == top[0]["title"]


def test_typing_shows_instant_results(browser, public, rest, site):
    viewport(browser, "portrait")
    browser.get(public + "/")
    css(browser, "#q")[0].send_keys("carte d'identité")
    links = wait_for(lambda: [a for a in css(browser, "#instant a") if a.is_displayed()])
    best = rest().get(f"{site}/@answer", params={"q": "carte d'identité", "b_size": 6}).json()["items"]
    assert [a.text for a in links] == [i["title"] for i in best]
    assert "résultat" in css(browser, "#instant-status")[0].get_attribute("textContent")


def test_sheet_shows_documents_hours_and_online_button(browser, public, rest, site):
    viewport(browser, "portrait")
    data = rest().get(f"{site}/demarches/carte-identite", params={"expand": "guichet"}).json()
    browser.get(public + "/demarches/carte-identite")
    assert len(css(browser, ".checklist li")) == len(data["@components"]["guichet"]["documents"])
    assert len(css(browser, "table.hours")) == len(data["@components"]["guichet"]["desks"])
    button = css(browser, "a.button.primary")[0]
    assert button.is_displayed() and button.get_attribute("href") == data["online_service_url"]
    assert button.location["y"] < css(browser, "#pieces")[0].location["y"]
    assert css(browser, "[data-print]")[0].is_displayed()  # the script shows the print button


def test_sheet_prints_the_checklist_only(browser, public):
    viewport(browser, "portrait")
    browser.get(public + "/demarches/carte-identite")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not css(browser, "header.top")[0].is_displayed() and not css(browser, "#avis")[0].is_displayed()
        assert all(box.is_displayed() for box in css(browser, ".checklist input[type=checkbox]"))
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_keyboard_only(browser, public):
    from selenium.webdriver.common.keys import Keys

    viewport(browser, "landscape")
    browser.get(public + "/")
    active = browser.switch_to.active_element
    body = css(browser, "body")[0]
    body.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip" and active.is_displayed()
    assert browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle") != "none"
    active.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "contenu"
    # Tab from the content start reaches the search box, then the top services' tiles
    # (a service notice's link, first on the page when one is active, comes before).
    seen = []
    for _ in range(25):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        element = browser.switch_to.active_element
        seen.append(element.get_attribute("id") or element.get_attribute("href"))
        if "q" in seen and element.get_attribute("href") and "/demarches/" in element.get_attribute("href"):
            break
    assert "q" in seen, seen
    target = browser.switch_to.active_element.get_attribute("href")
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(lambda: browser.current_url == target)


def test_pages_work_without_javascript(browser_nojs, public):
    from selenium.webdriver.common.keys import Keys

    driver = browser_nojs
    viewport(driver, "portrait")
    driver.get(public + "/")
    assert css(driver, ".tiles a")
    field = css(driver, "#q")[0]
    field.send_keys("passeport")
    time.sleep(0.6)  # with JavaScript on, instant results would show by now
    assert not [a for a in css(driver, "#instant a") if a.is_displayed()]
    field.send_keys(Keys.ENTER)
    wait_for(lambda: "/recherche?q=passeport" in driver.current_url)
    results = css(driver, ".results h3 a")
    assert results
    results[0].click()
    wait_for(lambda: "/recherche" not in driver.current_url)
    assert css(driver, "h1")[0].text
    assert not css(driver, "[data-print]") or not css(driver, "[data-print]")[0].is_displayed()


@pytest.mark.parametrize("orientation", sorted(VIEWPORTS))
def test_screenshots_fit_the_screen(browser, public, orientation):
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    viewport(browser, orientation)
    for name, path in PAGES.items():
        browser.get(public + path)
        width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{name} scrolls sideways in {orientation}: {width}"
        assert browser.save_screenshot(str(folder / f"{name}-{orientation}.png"))


def test_axe_no_serious_or_critical_violation(browser, public):
    viewport(browser, "portrait")
    script = AXE.read_text(encoding="utf-8")
    report = {}
    for name, path in PAGES.items():
        browser.get(public + path)
        browser.execute_script(script)
        violations = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))),"
            " e => done([{id: 'axe-error', impact: 'critical', nodes: String(e)}]));"
        )
        report[name] = violations
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps(report, indent=1))
    serious = {name: [v for v in found if v["impact"] in ("serious", "critical")] for name, found in report.items()}
    assert serious == {name: [] for name in PAGES}
