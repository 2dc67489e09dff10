"""« Retours des usagers et des agents » (@@feedback-triage) in Chromium: the table, a
status changed with one click and JavaScript off (a POST form with its CSRF token),
the filters, erasing a comment, and axe-core finding nothing serious."""

from browser_helpers import AXE_TAGS
from browser_helpers import axe_violations
from browser_helpers import css
from browser_helpers import driver as new_driver
from browser_helpers import log_in
from browser_helpers import require_axe
from browser_helpers import serious
from browser_helpers import wait_for
from guichet_kb import ratelimit
from guichet_kb.testing import DEMO_PASSWORD
import pytest


HEADERS = ["Date", "Élément", "Service responsable", "Type", "Utile ?", "Commentaire", "Nombre", "Statut", "Changer le statut"]


@pytest.fixture
def with_feedback(own_sheet, rest, site):
    ratelimit.clear()
    body = {"uid": own_sheet.UID(), "useful": False, "comment": "Les horaires du samedi sont faux."}
    assert rest().post(f"{site}/@feedback", json=body).status_code == 204
    return own_sheet


@pytest.fixture
def no_js():
    chromium = new_driver(javascript=False)
    chromium.set_window_size(1280, 1000)
    yield chromium
    chromium.quit()


def submit(driver, selector):
    button = css(driver, selector)[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()


def cells(driver):
    return [[cell.text for cell in row.find_elements("css selector", "td")] for row in css(driver, "#triage-items tbody tr")]


def test_a_manager_triages_without_javascript(no_js, site, with_feedback):
    driver = no_js
    log_in(driver, site, "responsable", DEMO_PASSWORD)
    driver.get(f"{site}/@@feedback-triage")
    heading = wait_for(lambda: css(driver, "h1.documentFirstHeading"))[0]
    assert heading.text == "Retours des usagers et des agents"
    assert [th.text for th in css(driver, "#triage-items thead th")] == HEADERS
    [row] = cells(driver)
    assert row[1:8] == ["Fiche d'essai", "Service de Fiche d'essai", "Avis d'usager", "Non", "Les horaires du samedi sont faux.", "1", "Nouveau"]
    submit(driver, "button[name='triage-actionable']")
    wait_for(lambda: css(driver, ".portalMessage") and "Statut modifié." in css(driver, ".portalMessage")[0].text)
    assert cells(driver)[0][7] == "À traiter"
    css(driver, "#triage-status option[value='spam']")[0].click()
    submit(driver, "#triage-filters button[type='submit']")
    assert wait_for(lambda: css(driver, "#triage-empty"))[0].text == "Aucun retour à trier."
    driver.get(f"{site}/@@feedback-triage?status=actionable")
    submit(driver, ".triage-redact button")
    wait_for(lambda: css(driver, ".portalMessage") and "Commentaire effacé." in css(driver, ".portalMessage")[0].text)
    assert "status=actionable" in driver.current_url
    assert cells(driver)[0][5] == "[données personnelles masquées]" and not css(driver, ".triage-redact")


def test_an_unknown_filter_is_said_not_raised(no_js, site, with_feedback):
    log_in(no_js, site, "valideur", DEMO_PASSWORD)
    no_js.get(f"{site}/@@feedback-triage?status=ouvert")
    problem = wait_for(lambda: css(no_js, "#triage-problem"))[0]
    assert problem.text == "« status » doit valoir : new, actionable, spam, done." and not css(no_js, "#triage-items")


def test_the_review_queue_links_to_the_page(chromium, site, with_feedback):
    log_in(chromium, site, "valideur", DEMO_PASSWORD)
    chromium.get(f"{site}/@@review-queue")
    link = wait_for(lambda: css(chromium, "#guichet-triage-link"))[0]
    assert link.text == "Retours des usagers et des agents" and link.get_attribute("href") == f"{site}/@@feedback-triage"


def test_axe_finds_nothing_serious(chromium, site, with_feedback):
    """On the page's own content (#content): Plone's toolbar, breadcrumbs and footer have
    contrast and ARIA findings of their own, which are not this page's."""
    require_axe()
    log_in(chromium, site, "responsable", DEMO_PASSWORD)
    chromium.get(f"{site}/@@feedback-triage")
    wait_for(lambda: css(chromium, "#triage-items"))
    violations = axe_violations(chromium, "'#content'", AXE_TAGS[:-1])
    assert serious(violations) == []
