"""Service notices in Chromium: the editors' Classic UI form (add, refused input, end now,
the log, a reviewer's acknowledgement) and the notice first on the agent console's card."""

from browser_helpers import css
from browser_helpers import log_in
from browser_helpers import open_console
from browser_helpers import wait_for
from guichet_kb import ratelimit
from guichet_kb.testing import DEMO_PASSWORD
import pytest


SHEET = "demarches/fiche-essai"


@pytest.fixture
def sheet_url(own_sheet, site):
    return f"{site}/{SHEET}"


def submit(driver, selector):
    button = css(driver, selector)[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()


def test_editor_publishes_ends_and_a_reviewer_acknowledges(chromium, rest, site, sheet_url):
    driver = chromium
    log_in(driver, site, "redacteur", DEMO_PASSWORD)
    driver.get(f"{sheet_url}/@@guichet-notices")
    form = wait_for(lambda: css(driver, "#guichet-notice-add"))[0]
    css(driver, "#notice-kind option[value='suspended']")[0].click()
    css(driver, "#notice-reason")[0].send_keys("Rappeler le 06 12 34 56 78")
    submit(driver, "#guichet-notice-add button[type='submit']")
    problem = wait_for(lambda: css(driver, "#guichet-notices-problems"))[0]
    assert problem.text == "Le motif ne doit contenir ni adresse e-mail ni numéro de téléphone : il est public."
    assert rest(None).get(sheet_url).json()["notices"] == []  # nothing stored
    css(driver, "#notice-reason")[0].clear()
    css(driver, "#notice-reason")[0].send_keys("Rendez-vous CNI suspendus")
    submit(driver, "#guichet-notice-add button[type='submit']")
    rows = wait_for(lambda: css(driver, "#guichet-notices-list tbody tr"))
    assert len(rows) == 1 and "Service suspendu" in rows[0].text and "Rendez-vous CNI suspendus" in rows[0].text
    assert form is not None
    # Everyone sees it at once: the item JSON and the Classic view's banner.
    assert [n["reason"] for n in rest(None).get(sheet_url).json()["notices"]] == ["Rendez-vous CNI suspendus"]
    html = rest(None).get(sheet_url, headers={"Accept": "text/html"}).text
    assert 'class="alert guichet-notice alert-danger" role="alert"' in html and "Rendez-vous CNI suspendus" in html
    assert "@@guichet-notices" not in html  # the form's link is for editors
    submit(driver, "#guichet-notices-list button[value='end_now']")
    wait_for(lambda: not css(driver, "#guichet-notices-list"))
    assert rest(None).get(sheet_url).json()["notices"] == []
    log = [row.text for row in css(driver, "#guichet-notices-log tbody tr")]
    assert len(log) == 2 and "modifié" in log[0] and "créé" in log[1] and all("redacteur" in row for row in log)
    assert not css(driver, "#guichet-notices-acknowledge")  # editors do not acknowledge

    log_in(driver, site, "valideur", DEMO_PASSWORD)
    driver.get(f"{site}/@@review-queue")
    # The demo's own notice (the ID card) waits in the queue too: this sheet's link.
    links = wait_for(lambda: [a for a in css(driver, "a") if a.text == "Prendre connaissance des avis"])
    (link,) = [a for a in links if a.get_attribute("href") == f"{sheet_url}/@@guichet-notices"]
    driver.get(link.get_attribute("href"))
    submit(driver, "#guichet-notices-acknowledge")
    wait_for(lambda: not css(driver, "#guichet-notices-acknowledge"))
    assert all("valideur" in row.text for row in css(driver, "#guichet-notices-log tbody tr"))
    queue = rest("valideur").get(f"{site}/@review-queue", params={"reason": "notice"}).json()["items"]
    assert sheet_url not in [entry["@id"] for entry in queue]


def test_console_card_leads_with_the_notice(chromium, rest, site, sheet_url):
    created = rest("redacteur").post(
        f"{sheet_url}/@notices", json={"kind": "suspended", "reason": "Rendez-vous CNI suspendus", "end": "2099-12-12T18:00:00+01:00"}
    )
    assert created.status_code == 201, created.text
    desk = rest("redacteur").post(f"{site}/guichets/fiche-essai-guichet/@notices", json={"kind": "disrupted", "reason": "Guichet fermé le matin"})
    assert desk.status_code == 201, desk.text
    ratelimit.clear()
    driver = chromium
    open_console(driver, site, DEMO_PASSWORD)
    css(driver, "#agent-q")[0].send_keys("fiche essai")
    result = wait_for(lambda: [li for li in css(driver, "#agent-results li") if li.is_displayed() and li.text.startswith("Fiche d'essai")])[0]
    result.click()
    notices = wait_for(lambda: css(driver, "#agent-card .agent-notice"))
    assert [(n.get_attribute("role"), n.text) for n in notices] == [
        ("alert", "Service suspendu — Fiche d'essai : Rendez-vous CNI suspendus (jusqu'au 12 décembre 2099)"),
        ("status", "Service perturbé — Guichet de Fiche d'essai : Guichet fermé le matin"),
    ]
    title = css(driver, "#agent-card-title")[0]
    assert title.location["y"] < notices[0].location["y"] < css(driver, "#agent-card .lead")[0].location["y"]
