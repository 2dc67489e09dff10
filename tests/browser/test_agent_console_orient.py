"""The agent console leads with the competent body and orients a call in two keys
(issue 16), in headless Chromium against the functional site over real HTTP; the
checklist mail is captured by a real local SMTP server."""

from browser_helpers import css
from browser_helpers import open_console
from browser_helpers import wait_for
from guichet_kb import ratelimit
from guichet_kb.testing import DEMO_PASSWORD
from mail_helpers import checklist_body
from orientation_helpers import AGGLO_TITLE
from orientation_helpers import CASE
from orientation_helpers import contact_block
from orientation_helpers import handled_elsewhere
from orientation_helpers import SHEET
from orientation_helpers import STAFF_PHONE
from orientation_helpers import TITLE
from orientation_helpers import WORD
import pytest


PROMPT = "Orienter l'appel vers : 1 Agglomération d'essai, 2 Commune de Ville-Exemple — appuyez sur son chiffre, Échap pour annuler."


@pytest.fixture
def console(chromium, site, catalogue):
    handled_elsewhere(catalogue)
    ratelimit.clear()
    open_console(chromium, site, DEMO_PASSWORD)
    return chromium


def status(driver):
    return css(driver, "#agent-status")[0].text


def open_card(driver):
    css(driver, "#agent-q")[0].send_keys(WORD)
    wait_for(lambda: [li for li in css(driver, "#agent-results li") if li.is_displayed()])
    css(driver, "#agent-q")[0].send_keys("\n")
    wait_for(lambda: css(driver, "#agent-card-title")[0].text == TITLE)


def press(driver, *keys):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()


def stored(rest, site):
    return [(i["service"], i["outcome"], i["organisation"]) for i in rest("admin").get(f"{site}/@interactions").json()["items"]]


def test_card_leads_with_the_body_that_handles_it(console):
    driver = console
    open_card(driver)
    parts = [child.get_attribute("id") or child.tag_name for child in css(driver, "#agent-card-body > *")]
    assert parts[:2] == ["agent-card-title", "agent-competent"]  # first, before the summary and the documents
    lead = css(driver, "#agent-competent .agent-body")
    assert [css(body, ".agent-body-title")[0].text for body in lead] == [f"Traité par : {AGGLO_TITLE} (Intercommunalité / agglomération) — {CASE}"]
    assert [li.text for li in css(lead[0], "li")] == [
        "Téléphone : 01 00 00 00 02",
        f"Ligne directe (transferts) : {STAFF_PHONE}",
        "Courriel : petite-enfance@agglo-essai.example",
        "Site internet : https://agglo-essai.example/petite-enfance",
        "Contact en ligne : https://agglo-essai.example/contact",
    ]
    assert css(lead[0], "button")[0].get_attribute("aria-keyshortcuts") == "o 1"
    # The town in the usual place: right before the desks.
    assert css(driver, "#agent-competent-town .agent-body-title")[0].text == "Traité par : Commune de Ville-Exemple (Commune)"
    assert css(driver, "#agent-competent-town + section h3")[0].text == "Où aller"
    assert css(driver, "#agent-competent-town + section #agent-desks")
    assert css(driver, "#agent-competent .form-text")[0].text == "Touche o puis le chiffre de l'organisme : orienter l'appel vers lui."


def test_orient_in_two_keys_then_mail_the_contact(console, site, rest, inbox):
    driver = console
    open_card(driver)
    assert css(driver, "#agent-status")[0].get_attribute("aria-live") == "polite"
    press(driver, "o")
    wait_for(lambda: status(driver) == PROMPT)
    press(driver, "1")
    wait_for(lambda: status(driver) == f"Appel noté : réorienté vers {AGGLO_TITLE}.")
    panel = css(driver, "#agent-orientation")[0]
    assert panel.is_displayed()
    assert css(panel, "h3")[0].text == f"À lire à l'appelant : {AGGLO_TITLE}"
    assert f"Ligne directe (transferts) : {STAFF_PHONE}" in [li.text for li in css(panel, "li")]
    assert stored(rest, site) == [(TITLE, "redirected", AGGLO_TITLE)]
    # "Envoyer par e-mail": the checklist with the body's contact; the address is not kept.
    button = css(driver, "#agent-orient-mail")[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    assert driver.switch_to.active_element.get_attribute("id") == "agent-email"
    driver.switch_to.active_element.send_keys("parent@example.org\n")
    wait_for(lambda: status(driver) == "Liste et contact envoyés. L'adresse n'a pas été conservée.")
    (message,) = inbox.wait(1)
    assert message["to"] == ["parent@example.org"]
    assert message["body"] == checklist_body(TITLE, "Aucune pièce à fournir.", f"{site}/demarches/{SHEET}", contact=contact_block())


def test_escape_or_another_key_cancels_and_logs_nothing(console, site, rest):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver = console
    open_card(driver)
    press(driver, "o")
    wait_for(lambda: status(driver) == PROMPT)
    press(driver, Keys.ESCAPE)
    wait_for(lambda: status(driver) == "Orientation annulée.")
    assert css(driver, "#agent-card")[0].is_displayed()  # Escape cancelled the orientation only
    press(driver, "o", "7")  # no seventh body
    wait_for(lambda: status(driver) == "Orientation annulée.")
    assert not css(driver, "#agent-orientation")[0].is_displayed()
    assert stored(rest, site) == []
    # Alt+O from the search field, then the town's digit.
    driver.execute_script("document.getElementById('agent-q').focus()")

    ActionChains(driver).key_down(Keys.ALT).send_keys("o").key_up(Keys.ALT).perform()
    wait_for(lambda: status(driver) == PROMPT)
    press(driver, "2")
    wait_for(lambda: status(driver) == "Appel noté : réorienté vers Commune de Ville-Exemple.")
    assert css(driver, "#agent-q")[0].get_attribute("value") == WORD  # no key typed into the query
    assert stored(rest, site) == [(TITLE, "redirected", "Commune de Ville-Exemple")]
