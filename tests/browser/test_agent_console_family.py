"""The agent console shows a variant family as one-key choices (issue 15), in headless
Chromium against the functional site over real HTTP."""

from browser_helpers import css
from browser_helpers import open_console
from browser_helpers import wait_for
from guichet_kb import ratelimit
from guichet_kb.testing import DEMO_PASSWORD
import pytest
from variant_helpers import passport_variants
from variant_helpers import QUERY
from variant_helpers import QUESTION


@pytest.fixture
def console(chromium, site, catalogue, functional):
    passport_variants(catalogue, functional["portal"])
    ratelimit.clear()
    open_console(chromium, site, DEMO_PASSWORD)
    return chromium


def card_title(driver):
    return wait_for(lambda: css(driver, "#agent-card-title")[0].text)


def test_family_digits_open_the_variants(console):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver = console
    css(driver, "#agent-q")[0].send_keys(QUERY)
    box = wait_for(lambda: css(driver, "#agent-family")[0].is_displayed() and css(driver, "#agent-family")[0])
    assert css(driver, "#agent-family-title")[0].text == "Passeport"
    assert css(driver, "#agent-family-question")[0].text == QUESTION
    buttons = css(box, "#agent-family-variants li button")
    assert [b.get_attribute("aria-keyshortcuts") for b in buttons] == ["1", "2", "3"]
    assert [css(b, "kbd")[0].text for b in buttons] == ["1", "2", "3"]
    titles = [css(b, "span")[0].text for b in buttons]
    assert set(titles) == {
        "Passeport d'un majeur : première demande",
        "Passeport d'un mineur : première demande",
        "Renouvellement du passeport d'un majeur",
    }
    assert "Appuyez sur le chiffre d'une variante" in css(driver, "#agent-family-keys")[0].text
    # Alt + 2 in the search field opens the second variant; "What to ask" leads with the family's question.
    ActionChains(driver).key_down(Keys.ALT).send_keys("2").key_up(Keys.ALT).perform()
    wait_for(lambda: card_title(driver) == titles[1])
    assert css(driver, "#agent-search input")[0].get_attribute("value") == QUERY  # no digit typed into the query
    asked = css(driver, "#agent-card-body section")[0]
    assert css(asked, "h3")[0].text == "Ce qu'il faut demander"
    assert css(asked, "p")[0].get_attribute("id") == "agent-ask-family" and css(asked, "p")[0].text == QUESTION
    assert [b.get_attribute("aria-current") for b in css(driver, "#agent-family-variants button")] == ["false", "true", "false"]
    # On the card (focus is there), the plain digit switches variant.
    ActionChains(driver).send_keys("3").perform()
    wait_for(lambda: card_title(driver) == titles[2])


def test_no_family_no_choices(console):
    driver = console
    css(driver, "#agent-q")[0].send_keys("CNI perdue")
    wait_for(lambda: [li for li in css(driver, "#agent-results li") if li.is_displayed()])
    assert not css(driver, "#agent-family")[0].is_displayed()
