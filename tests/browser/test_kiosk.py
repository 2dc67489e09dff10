"""The kiosk page in Chromium (browser/kiosk.py): the kiosk account takes two tickets,
one with JavaScript off; the number is shown very large with its position and wait,
« Nouveau ticket » brings the buttons back; axe-core finds nothing serious."""

from browser_helpers import AXE_TAGS
from browser_helpers import axe_violations
from browser_helpers import css
from browser_helpers import driver
from browser_helpers import log_in
from browser_helpers import require_axe
from browser_helpers import serious
from browser_helpers import wait_for
from datetime import datetime
from guichet_kb import clock
from guichet_kb.testing import DEMO_PASSWORD
import pytest
from repo_paths import ROOT


QUEUE = "guichets/file-titres-hotel-de-ville"
MONDAY_10 = datetime(2026, 12, 7, 10, 0)  # the town hall is open (08:30-12:00)


def _take(chromium, prefix, email=None):
    if email:
        css(chromium, "#kiosk-email-input")[0].send_keys(email)
    css(chromium, f"#kiosk-service-{prefix}")[0].click()
    return wait_for(lambda: css(chromium, "#kiosk-number"))[0].text


def test_the_kiosk_takes_tickets(chromium, site, functional):
    log_in(chromium, site, "borne", DEMO_PASSWORD)
    with clock.frozen(MONDAY_10):
        chromium.get(f"{site}/{QUEUE}/@@borne")
        buttons = [button.text for button in wait_for(lambda: css(chromium, ".kiosk-button"))]
        assert buttons == ["Prendre un ticket — Carte nationale d'identité (CNI)", "Prendre un ticket — Passeport"]
        assert _take(chromium, "P", "monsieur.y@example.org") == "P001"
        assert css(chromium, "#kiosk-position")[0].text == "1"
        assert css(chromium, "#kiosk-wait")[0].text == "votre tour arrive dans un instant"
        assert css(chromium, "#kiosk-notice")[0].text == "Vous serez prévenu par e-mail environ 10 minutes avant votre tour."
        ticket = css(chromium, "#kiosk-ticket")[0]
        assert (ticket.get_attribute("data-reset-seconds"), ticket.get_attribute("data-reset-url")) == ("20", f"{site}/{QUEUE}/@@borne")
        assert css(chromium, "#kiosk-reset")[0].text == "Cet écran revient aux boutons dans 20 secondes."
        (ROOT / "var" / "artifacts").mkdir(parents=True, exist_ok=True)
        chromium.save_screenshot(str(ROOT / "var" / "artifacts" / "kiosk_ticket.png"))
        css(chromium, "#kiosk-again")[0].click()
        wait_for(lambda: css(chromium, ".kiosk-button"))
        assert css(chromium, "#kiosk-email-input")[0].get_attribute("value") == ""  # the form comes back empty
        assert _take(chromium, "C") == "C002"
        assert css(chromium, "#kiosk-notice") == []  # no address, no notice


@pytest.fixture
def no_javascript():
    chromium = driver(javascript=False)
    yield chromium
    chromium.quit()


def test_the_kiosk_works_without_javascript(no_javascript, site, functional):
    log_in(no_javascript, site, "borne", DEMO_PASSWORD)
    with clock.frozen(MONDAY_10):
        no_javascript.get(f"{site}/{QUEUE}/@@borne")
        assert _take(no_javascript, "C") == "C001"
        refresh = css(no_javascript, "meta[http-equiv='refresh']")[0].get_attribute("content")
        assert refresh == f"20;url={site}/{QUEUE}/@@borne"  # back to the buttons without the script


def test_axe_finds_nothing_serious(chromium, site, functional):
    require_axe()
    log_in(chromium, site, "borne", DEMO_PASSWORD)
    with clock.frozen(MONDAY_10):
        chromium.get(f"{site}/{QUEUE}/@@borne")
        wait_for(lambda: css(chromium, ".kiosk-button"))
        assert serious(axe_violations(chromium, "document", AXE_TAGS)) == []
        _take(chromium, "C", "madame.x@example.org")
        assert serious(axe_violations(chromium, "document", AXE_TAGS)) == []
