"""« Mon guichet » and the eight channels on the agent console (issue 17), in headless
Chromium against the demo site over real HTTP: the desk chosen once is remembered by
the browser and sent with every call; `c` then a digit chooses the channel; the log
section passes axe-core."""

from browser_helpers import axe_violations
from browser_helpers import css
from browser_helpers import log_in
from browser_helpers import wait_for
from guichet_kb import facts
from guichet_kb import ratelimit
from guichet_kb.testing import DEMO_PASSWORD
from orientation_helpers import AGGLO_TITLE
from orientation_helpers import handled_elsewhere
from orientation_helpers import TITLE
from orientation_helpers import WORD
import pytest


DESK = "Hôtel de ville - accueil principal"
TITLES = ["Téléphone", "Accueil", "Courriel", "Chat", "Courrier", "E-services (formulaires en ligne)", "Réseaux sociaux", "Visio"]


@pytest.fixture
def console(chromium, site):
    """Logged in as the demo agent, on the console, with nothing remembered by the browser."""
    ratelimit.clear()
    log_in(chromium, site, "agent", DEMO_PASSWORD)
    chromium.get(f"{site}/@@agent")
    chromium.execute_script("localStorage.clear()")
    chromium.get(f"{site}/@@agent")
    wait_for(lambda: css(chromium, "#agent-q"))
    yield chromium
    chromium.execute_script("localStorage.clear()")  # the next tests of the module log without a desk


def status(driver, text):
    return wait_for(lambda: css(driver, "#agent-status")[0].text == text)


def press(driver, *keys):
    from selenium.webdriver.common.action_chains import ActionChains

    for key in keys:
        ActionChains(driver).send_keys(key).perform()


def alt(driver, key):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(driver).key_down(Keys.ALT).send_keys(key).key_up(Keys.ALT).perform()


def checked(driver):
    return [radio.get_attribute("value") for radio in css(driver, "input[name='agent-channel']") if radio.is_selected()]


def logged(rest, site):
    return [(i["channel"], i["outcome"], i["desk"]) for i in rest("admin").get(f"{site}/@interactions").json()["items"]]


def log_not_answered(driver):
    button = css(driver, "button[data-outcome='not_answered']")[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    status(driver, "Appel noté : Pas pu répondre")


def test_my_desk_chosen_once_and_a_new_channel_by_keys(console, site, rest):
    from selenium.webdriver.support.ui import Select

    driver = console
    # Every channel of the facts, in order, with its digit; « Mon guichet » lists the published desks.
    labels = css(driver, "fieldset.agent-channels label")
    assert [label.text for label in labels] == [f"{number} {title}" for number, title in enumerate(TITLES, 1)]
    assert [label.find_element("css selector", "input").get_attribute("value") for label in labels] == list(facts.CALL_CHANNELS)
    published = [desk["title"] for desk in rest("agent").get(f"{site}/@desks").json()["items"]]
    select = Select(css(driver, "#agent-desk")[0])
    assert [option.text for option in select.options] == ["(aucun)", *published]
    assert select.first_selected_option.text == "(aucun)" and checked(driver) == ["telephone"]
    assert css(driver, "#agent-channel-keys")[0].text == "Touche c puis le chiffre du canal (Alt+C dans le champ de recherche) : choisir le canal."

    select.select_by_visible_text(DESK)
    status(driver, f"Les appels sont désormais notés pour le guichet {DESK}.")
    driver.execute_script("document.activeElement.blur()")  # out of the fields: plain keys
    press(driver, "c")
    status(driver, "Canal de l'appel : " + ", ".join(f"{n} {t}" for n, t in enumerate(TITLES, 1)) + " — appuyez sur son chiffre, Échap pour annuler.")
    press(driver, "8")
    status(driver, "Canal : Visio.")
    assert checked(driver) == ["visio"]
    log_not_answered(driver)
    assert logged(rest, site) == [("visio", "not_answered", DESK)]

    # Both are remembered by the browser: a new page logs at the same desk, on the same channel.
    driver.get(f"{site}/@@agent")
    wait_for(lambda: css(driver, "#agent-q"))
    assert Select(css(driver, "#agent-desk")[0]).first_selected_option.text == DESK and checked(driver) == ["visio"]
    # In the search field: Alt+C then the digit; another key cancels.
    assert driver.switch_to.active_element.get_attribute("id") == "agent-q"
    alt(driver, "c")
    press(driver, "5")
    status(driver, "Canal : Courrier.")
    alt(driver, "c")
    press(driver, "x")
    status(driver, "Choix du canal annulé.")
    assert checked(driver) == ["courrier"] and css(driver, "#agent-q")[0].get_attribute("value") == ""
    log_not_answered(driver)

    # Back to no desk: the calls carry none.
    Select(css(driver, "#agent-desk")[0]).select_by_visible_text("(aucun)")
    status(driver, "Les appels sont désormais notés sans guichet.")
    log_not_answered(driver)
    assert logged(rest, site) == [("visio", "not_answered", DESK), ("courrier", "not_answered", DESK), ("courrier", "not_answered", "")]


def test_a_remembered_desk_no_longer_published_is_dropped(console, site, rest):
    from selenium.webdriver.support.ui import Select

    driver = console
    driver.execute_script("localStorage.setItem('guichet-agent-desk', arguments[0])", "0" * 32)
    driver.get(f"{site}/@@agent")
    wait_for(lambda: css(driver, "#agent-q"))
    assert Select(css(driver, "#agent-desk")[0]).first_selected_option.text == "(aucun)"
    assert driver.execute_script("return localStorage.getItem('guichet-agent-desk')") is None
    log_not_answered(driver)
    assert logged(rest, site) == [("telephone", "not_answered", "")]


def test_an_oriented_call_carries_the_desk_and_the_channel(console, site, rest, catalogue):
    from selenium.webdriver.support.ui import Select

    handled_elsewhere(catalogue)
    driver = console
    Select(css(driver, "#agent-desk")[0]).select_by_visible_text(DESK)
    css(driver, "#agent-q")[0].send_keys(WORD)
    wait_for(lambda: [li for li in css(driver, "#agent-results li") if li.is_displayed()])
    css(driver, "#agent-q")[0].send_keys("\n")
    wait_for(lambda: css(driver, "#agent-card-title")[0].text == TITLE)
    driver.execute_script("document.activeElement.blur()")
    press(driver, "c", "6", "o", "1")
    status(driver, f"Appel noté : réorienté vers {AGGLO_TITLE}.")
    items = rest("admin").get(f"{site}/@interactions").json()["items"]
    assert [(i["channel"], i["outcome"], i["organisation"], i["desk"]) for i in items] == [("eservice", "redirected", AGGLO_TITLE, DESK)]


def test_the_call_log_passes_axe(console):
    violations = axe_violations(console, "{include: [['#agent-log']]}")
    assert violations == []
