"""The user-relationship dashboard (@@tableau-de-bord) in Chromium: the desk manager
finds it in the personal menu, filters with the GET form, each panel has its heading,
labelled SVG chart, table and CSV link; printing hides the form and sizes the charts for
A4; axe-core finds no serious or critical violation in the dashboard."""

from browser_helpers import axe_violations
from browser_helpers import css
from browser_helpers import log_in
from browser_helpers import require_axe
from browser_helpers import serious
from browser_helpers import wait_for
import catalogue_factory as make
from guichet_kb import ratelimit
from guichet_kb.dashboard.panels import PANELS
from guichet_kb.testing import DEMO_PASSWORD
import pytest


@pytest.fixture
def activity(rest, site, catalogue):
    """Five calls of today on a sheet of the test's own (read live: today is not rolled up)."""
    ratelimit.clear()
    items = catalogue(*make.standalone_sheet("tdb-ui", "Fiche du tableau de bord"))
    agent = rest("agent")
    for channel, outcome in [("telephone", "answered")] * 3 + [("accueil", "answered"), ("telephone", "not_answered")]:
        response = agent.post(f"{site}/@interactions", json={"service": items["tdb-ui"].UID(), "channel": channel, "outcome": outcome})
        assert response.status_code == 201
    return items


def glance(driver):
    return {key: css(driver, f"#glance-{key}")[0].text for key in ("total", "not-answered")}


def test_the_desk_manager_reads_filters_and_prints(chromium, site, activity):
    driver = chromium
    log_in(driver, site, "responsable", DEMO_PASSWORD)
    driver.get(site)
    link = wait_for(lambda: [a for a in css(driver, "a") if (a.get_attribute("href") or "").endswith("/@@tableau-de-bord")])[0]
    driver.get(link.get_attribute("href") + "?period=last_7_days")
    assert wait_for(lambda: css(driver, "h1.documentFirstHeading"))[0].text == "Tableau de bord de la relation usager"
    assert glance(driver) == {"total": "5", "not-answered": "1"}
    sections = css(driver, "section.guichet-panel")
    assert len(sections) == len(PANELS)  # every panel, appointments (issue 18) and queue (issue 19) included
    for section in sections:
        heading = section.find_element("css selector", "h2")
        table = section.find_elements("css selector", "table")
        if not table:
            continue
        assert table[0].find_element("css selector", "caption").text == heading.text
        assert all(th.get_attribute("scope") in ("col", "row") for th in table[0].find_elements("css selector", "th"))
        for chart in section.find_elements("css selector", "svg"):
            assert chart.get_attribute("role") == "img"
            title, desc = chart.get_attribute("aria-labelledby").split()
            assert css(driver, f"#{title}")[0].get_attribute("textContent") == heading.text
            assert css(driver, f"#{desc}")[0].get_attribute("textContent") == "Graphique des chiffres donnés dans le tableau ci-dessous."
        assert "format=csv" in section.find_element("css selector", ".guichet-csv a").get_attribute("href")
    # The GET form: each select says what is shown (one choice each), then one channel.
    for name in ("period", "desk", "channel", "organisation", "service"):
        assert len(css(driver, f"#dashboard-{name} option[selected]")) == 1, name
    # The GET form: one channel.
    css(driver, "#dashboard-channel option[value='accueil']")[0].click()
    button = css(driver, "#guichet-dashboard-form button[type='submit']")[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    wait_for(lambda: "channel=accueil" in driver.current_url)
    assert glance(driver) == {"total": "1", "not-answered": "0"}
    assert css(driver, "#dashboard-period option[selected]")[0].get_attribute("value") == "last_7_days"
    # Printed: no form, charts 180 mm wide (A4 less its margins).
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not css(driver, "#guichet-dashboard-form")[0].is_displayed()
        width = driver.execute_script("return document.querySelector('#guichet-dashboard svg.guichet-chart').getBoundingClientRect().width")
        assert abs(width - 180 * 96 / 25.4) < 2
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_axe_finds_no_serious_violation_in_the_dashboard(chromium, site, activity):
    require_axe()
    driver = chromium
    log_in(driver, site, "responsable", DEMO_PASSWORD)
    report = {}
    for query in ("period=last_7_days", "from=2026-01-01&to=2025-01-01"):  # with figures; a refused period (the error shown)
        driver.get(f"{site}/@@tableau-de-bord?{query}")
        wait_for(lambda: css(driver, "#guichet-dashboard"))
        # The dashboard's own markup (Plone's toolbar and theme are not this add-on's).
        report[query] = axe_violations(driver, "document.querySelector('#guichet-dashboard')")
    assert {query: serious(found) for query, found in report.items()} == {query: [] for query in report}, report
