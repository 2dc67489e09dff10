"""A citizen books, moves and cancels an appointment from a phone-sized Chromium (390 x 844)
on the public site against the demo Plone for real (issue 18); the mails are caught by the
real SMTP `inbox`; axe-core finds nothing serious on the slots page, the form and the
booking page; no page scrolls sideways."""

from browser_helpers import axe_violations
from browser_helpers import css
from browser_helpers import require_axe
from browser_helpers import serious
from browser_helpers import wait_for
from guichet_kb import ratelimit
from guichet_kb.public.config import Settings
from guichet_kb.testing import PUBLIC_TEST_PORT
from public_helpers import serve_public
import pytest
import re


PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}


@pytest.fixture
def phone(chromium):
    chromium.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    yield chromium
    chromium.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def public(site):
    ratelimit.clear()  # the backend's per-client booking limit
    with serve_public(Settings(plone_url=site, town_hall_phone="01 02 03 04 05", cache_ttl=0), port=PUBLIC_TEST_PORT) as url:
        yield url


def check_page(browser, name):
    """Nothing serious for axe-core, and nothing wider than the phone."""
    assert serious(axe_violations(browser)) == [], name
    assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE["width"], name


def click(browser, selector, text=None):
    found = wait_for(lambda: [e for e in css(browser, selector) if text is None or e.text.strip() == text])
    found[0].click()


def heading(browser):
    return wait_for(lambda: css(browser, "h1")[0].text)


def test_book_move_and_cancel_on_a_phone(phone, public, inbox):
    require_axe()
    browser = phone
    browser.get(public + "/demarches/carte-identite")
    click(browser, "#prendre-rendez-vous")
    wait_for(lambda: "Quel rendez-vous ?" in browser.page_source)
    click(browser, ".tiles a", "Dépôt de demande CNI / passeport (20 min)")
    wait_for(lambda: css(browser, "#prochains a.slot"))
    check_page(browser, "slots")
    first = css(browser, "#prochains a.slot")[0]
    chosen = first.text
    first.click()
    assert heading(browser) == "Vos coordonnées"
    assert chosen in css(browser, ".recap")[0].text
    check_page(browser, "form")
    css(browser, "#nom")[0].send_keys("Madame Exemple")
    css(browser, "#courriel")[0].send_keys("madame.x@example.org")
    css(browser, "#telephone")[0].send_keys("06 12 34 56 78")
    click(browser, "button[type=submit]")
    wait_for(lambda: "Un courriel de confirmation vous a été envoyé." in browser.page_source)
    assert heading(browser) == "Votre rendez-vous"
    code = css(browser, ".code strong")[0].text
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code) and chosen in css(browser, ".recap")[0].text
    assert css(browser, ".checklist-lines li")  # the documents to bring
    check_page(browser, "booking")

    confirmation = inbox.wait(1)[0]
    assert confirmation["to"] == ["madame.x@example.org"] and code in confirmation["body"]
    link = re.search(rf"{re.escape(public)}/rendez-vous/{code}\?token=[^\s\"<>]+", confirmation["body"]).group(0)
    browser.get(link)  # the mail's link, as the citizen opens it later
    assert css(browser, ".code strong")[0].text == code

    click(browser, ".actions a", "Déplacer")
    wait_for(lambda: css(browser, "#calendrier .times a"))
    later = css(browser, "#calendrier .times a")[-1]
    new_time = later.get_attribute("aria-label")
    later.click()
    wait_for(lambda: "Déplacer à cette date" in browser.page_source)
    assert new_time in browser.page_source
    click(browser, "button[type=submit]")
    wait_for(lambda: "Votre rendez-vous a été déplacé." in browser.page_source)
    assert new_time in css(browser, ".recap")[0].text
    moved = inbox.wait(2)
    assert len(moved) == 2 and code in moved[1]["body"]

    click(browser, ".actions a", "Annuler")
    wait_for(lambda: "Voulez-vous vraiment annuler ce rendez-vous ?" in browser.page_source)
    click(browser, "button[type=submit]")
    wait_for(lambda: "Votre rendez-vous a été annulé." in browser.page_source)
    assert "Ce rendez-vous est annulé." in browser.page_source and not css(browser, ".actions a")
    assert len(inbox.wait(3)) == 3
    browser.get(link)  # the first link was replaced by the move's
    assert heading(browser) == "Ce lien a expiré"
