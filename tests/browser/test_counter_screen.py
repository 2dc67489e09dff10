"""The counter's screen « Appeler le suivant » (issue 19) in headless Chromium over real
HTTP: the agent opens the counter and calls the next with the keys, the number shows very
large, the waiting list follows, a priority marks a ticket and puts it first; without
JavaScript the same forms work; linked from the console and the desk's page; the console shows
the queue of the agent's desk (remembered) and takes a ticket for a caller; axe-core
finds nothing serious. The clock is frozen on a Monday at 10:00 (ticket_helpers), the HTTP
server's threads included."""

from browser_helpers import AXE_TAGS
from browser_helpers import axe_violations
from browser_helpers import css
from browser_helpers import driver
from browser_helpers import log_in
from browser_helpers import require_axe
from browser_helpers import serious
from browser_helpers import wait_for
from counter_queue_helpers import take
from counter_queue_helpers import two_services
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.testing import DEMO_PASSWORD
import pytest
from ticket_helpers import DESK
from ticket_helpers import MONDAY_10AM
import transaction


@pytest.fixture
def screen(catalogue):
    items = two_services(catalogue)
    take(items, "EER", MONDAY_10AM)
    transaction.commit()
    with clock.frozen(MONDAY_10AM + timedelta(minutes=1)):
        yield items


def press(chromium, *keys):
    from selenium.webdriver.common.action_chains import ActionChains

    for key in keys:
        ActionChains(chromium).send_keys(key).perform()


def texts(chromium, selector):
    return [node.text for node in css(chromium, selector)]


def open_screen(chromium, site, items):
    log_in(chromium, site, "agent", DEMO_PASSWORD)
    chromium.get(f"{site}/@@guichet-appel?desk={items[DESK].UID()}&counter=poste-1")
    return wait_for(lambda: css(chromium, "#appel-number"))


def test_the_agent_calls_the_next_with_the_keys(chromium, site, screen):
    open_screen(chromium, site, screen)
    assert css(chromium, "#appel-state")[0].text == "Fermé"
    assert [text.split(" ")[0] for text in texts(chromium, "#appel-waiting li")] == ["E001", "E002", "R003"]
    css(chromium, "body")[0].click()
    press(chromium, "o")
    wait_for(lambda: css(chromium, "#appel-state")[0].text == "Ouvert")
    assert css(chromium, "#appel-toggle")[0].text == "o Fermer le poste"
    press(chromium, "n")
    wait_for(lambda: css(chromium, "#appel-number")[0].text == "E001")
    size = float(chromium.execute_script("return parseFloat(getComputedStyle(document.getElementById('appel-number')).fontSize)"))
    assert size >= 64  # very large: 4rem at least
    assert css(chromium, "#appel-current-detail")[0].text == "Inscription d'essai"
    assert css(chromium, "#appel-status")[0].text == "Fait : E001."
    assert [text.split(" ")[0] for text in texts(chromium, "#appel-waiting li")] == ["E002", "R003"]
    press(chromium, "n")
    wait_for(lambda: "Terminez" in css(chromium, "#appel-status")[0].text)  # busy: the core's message, the ticket stays
    assert css(chromium, "#appel-number")[0].text == "E001"
    press(chromium, "p")
    assert chromium.switch_to.active_element.get_attribute("id") == "appel-priority-ticket"
    from selenium.webdriver.support.ui import Select

    Select(css(chromium, "#appel-priority-ticket")[0]).select_by_value("R003")
    Select(css(chromium, "#appel-priority-reason")[0]).select_by_value("disability")
    css(chromium, "#appel-priority button")[0].click()
    wait_for(lambda: texts(chromium, "#appel-waiting li")[0].startswith("R003"))
    assert texts(chromium, "#appel-waiting li")[0] == "R003 Retrait d'essai Handicap"
    css(chromium, "body")[0].click()
    press(chromium, "t")
    wait_for(lambda: css(chromium, "#appel-number")[0].text == "—")
    assert css(chromium, "#appel-current-detail")[0].text == "Personne au poste."


def test_the_screen_refreshes_itself(chromium, site, screen):
    open_screen(chromium, site, screen)
    take(screen, "E", MONDAY_10AM + timedelta(minutes=1), channel="kiosk")
    transaction.commit()
    wait_for(lambda: css(chromium, "#appel-waiting-count")[0].text == "4", timeout=12)  # polled every 5 s


def test_without_javascript_the_forms_work(site, screen):
    plain = driver(javascript=False)
    plain.set_window_size(1280, 1000)
    try:
        open_screen(plain, site, screen)
        css(plain, "#appel-toggle")[0].send_keys("\n")
        wait_for(lambda: css(plain, "#appel-state")[0].text == "Ouvert")
        css(plain, "#appel-next")[0].send_keys("\n")
        wait_for(lambda: css(plain, "#appel-number")[0].text == "E001")
        assert "Fait : E001." in plain.page_source
    finally:
        plain.quit()


def test_linked_from_the_console_and_the_desk(chromium, site, screen):
    log_in(chromium, site, "agent", DEMO_PASSWORD)
    chromium.get(f"{site}/@@agent")
    link = wait_for(lambda: css(chromium, "#agent-counter-link"))[0]
    assert (link.text, link.get_attribute("href")) == ("Appeler le suivant (écran du poste)", f"{site}/@@guichet-appel")
    chromium.get(screen[DESK].absolute_url())
    link = wait_for(lambda: css(chromium, "#desk-counter-screen"))[0]
    assert link.get_attribute("href") == f"{site}/@@guichet-appel?desk={screen[DESK].UID()}"
    log_in(chromium, site, "redacteur", DEMO_PASSWORD)
    chromium.get(screen[DESK].absolute_url())
    wait_for(lambda: css(chromium, "#content"))
    assert css(chromium, "#desk-counter-screen") == []


def test_axe_finds_nothing_serious(chromium, site, screen):
    require_axe()
    open_screen(chromium, site, screen)
    assert serious(axe_violations(chromium, "'#content'", AXE_TAGS[:-1])) == []


def test_the_console_shows_the_desks_queue_and_takes_a_ticket(chromium, site, screen):
    from selenium.webdriver.support.ui import Select

    log_in(chromium, site, "agent", DEMO_PASSWORD)
    chromium.execute_script("localStorage.clear()")
    chromium.get(f"{site}/@@agent")
    wait_for(lambda: css(chromium, "#agent-queue") and css(chromium, "#agent-queue")[0].is_displayed())
    Select(css(chromium, "#agent-queue-desk")[0]).select_by_value(screen[DESK].UID())
    line = wait_for(lambda: texts(chromium, "#agent-queue-list li"))[0]
    assert line.startswith("File des inscriptions d'essai — 3 en attente · attente estimée ")
    assert line.endswith(" · 0 poste(s) ouvert(s)")
    Select(css(chromium, "#agent-queue-service")[0]).select_by_visible_text("Retrait d'essai")
    css(chromium, "#agent-queue-take button")[0].send_keys("\n")
    result = wait_for(lambda: css(chromium, "#agent-queue-result")[0].is_displayed() and css(chromium, "#agent-queue-result")[0].text)
    assert result.startswith("Ticket pris : R004 (Retrait d'essai)")
    wait_for(lambda: " 4 en attente " in texts(chromium, "#agent-queue-list li")[0])
    chromium.get(f"{site}/@@agent")  # the desk chosen is remembered
    wait_for(lambda: css(chromium, "#agent-queue-desk option"))
    assert Select(css(chromium, "#agent-queue-desk")[0]).first_selected_option.get_attribute("value") == screen[DESK].UID()
