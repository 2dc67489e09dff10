"""A citizen takes a queue ticket from a phone-sized Chromium (390 x 844) on the public site
(issue 19) against a stubbed Plone speaking COMMON19 §3 (tests/helpers/queue_stub.py):
the desk's « Prendre un ticket », the form, the ticket's page whose position falls live
(server-sent events, no reload) as agents call, then « C'est votre tour »; the hall
display; the same ticket taken with JavaScript off. axe-core finds nothing serious on
the form, the ticket page and the display; nothing scrolls sideways."""

from browser_helpers import axe_violations
from browser_helpers import css
from browser_helpers import driver
from browser_helpers import require_axe
from browser_helpers import serious
from browser_helpers import wait_for
from guichet_kb.public.config import Settings
import httpx
from public_helpers import free_port
from public_helpers import serve_public
import pytest
from queue_stub import CNI
from queue_stub import DESK
from queue_stub import PASSPORT
from queue_stub import QUEUE
from queue_stub import QueuePlone
import time


PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}
PORT = free_port()


@pytest.fixture
def phone(chromium):
    chromium.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    yield chromium
    chromium.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def public():
    plone = QueuePlone()
    settings = Settings(plone_url="http://plone.test/guichet", cache_ttl=0, queue_poll=0.3)
    with serve_public(settings, transport=httpx.MockTransport(plone), port=PORT) as url:
        yield url, plone


def check_page(browser, name, width=PHONE["width"]):
    assert serious(axe_violations(browser)) == [], name
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width, name


def text_of(browser, selector):
    found = css(browser, selector)
    return found[0].text.strip() if found else ""


def take_ticket(browser, url, email=None):
    browser.get(url + "/guichets/mairie-centrale")
    wait_for(lambda: css(browser, f"#prendre-ticket-{QUEUE}"))[0].click()
    wait_for(lambda: css(browser, "#prendre-ticket"))
    css(browser, f"label[for=service-{CNI}]")[0].click()
    if email:
        css(browser, "#courriel")[0].send_keys(email)
    css(browser, "#valider-ticket")[0].click()
    wait_for(lambda: css(browser, "#numero"))


def test_take_a_ticket_and_follow_it_live_on_a_phone(phone, public):
    require_axe()
    url, plone = public
    browser = phone
    plone.take()
    plone.take(PASSPORT)
    browser.get(url + "/guichets/mairie-centrale")
    assert text_of(browser, ".queue-status") == "File d'attente ouverte — 2 personnes, attente estimée 12 min"
    browser.get(f"{url}/file-attente/{QUEUE}")
    check_page(browser, "form")
    take_ticket(browser, url, email="marie@example.org")
    assert text_of(browser, "h1") == "Votre ticket" and text_of(browser, "#numero") == "C002"
    assert text_of(browser, "#position") == "Position dans la file : 3"
    assert text_of(browser, "#attente") == "Attente estimée : 12 min" and text_of(browser, "#heure").startswith("Appel prévu vers ")
    assert css(browser, "#suivi")[0].get_attribute("aria-live") == "polite"
    check_page(browser, "ticket")
    browser.execute_script("document.body.dataset.marker = 'same page'")
    plone.call_next("G1")
    plone.call_next("G2")
    wait_for(lambda: text_of(browser, "#position") == "Position dans la file : 1")
    assert browser.execute_script("return document.body.dataset.marker") == "same page"  # swapped in, not reloaded
    assert text_of(browser, "#attente") == "Attente estimée : 6 min"
    plone.call_next("G2")
    wait_for(lambda: text_of(browser, "#appel") == "C'est votre tour : Guichet 2")
    assert not css(browser, "#quitter")

    browser.get(f"{url}/file-attente/ecran/{DESK}")
    wait_for(lambda: css(browser, ".call-ticket"))
    assert [e.text for e in css(browser, ".call-ticket")] == ["C001", "C002"]
    check_page(browser, "display")
    plone.take()
    plone.call_next("G1")
    wait_for(lambda: text_of(browser, "#annonce") == "Numéro C003 : Guichet 1.")


def test_a_ticket_needs_no_javascript(public):
    url, plone = public
    plone.take()
    browser = driver(javascript=False)
    try:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
        take_ticket(browser, url)
        assert text_of(browser, "#numero") == "C002" and text_of(browser, "#position") == "Position dans la file : 2"
        assert text_of(browser, "#attente") == "Attente estimée : 6 min"
        plone.call_next("G1")
        time.sleep(0.4)  # past the snapshot's poll interval (0.3 s here, 2 s by default)
        browser.refresh()  # what the <noscript> meta refresh does every 30 s
        assert text_of(browser, "#position") == "Position dans la file : 1"
        css(browser, "#quitter")[0].click()
        wait_for(lambda: "Vous avez quitté la file. Vos coordonnées sont effacées." in browser.page_source)
    finally:
        browser.quit()
