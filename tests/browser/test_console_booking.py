"""Madame X's call, end to end in the agent console (issue 18), in headless Chromium
against the demo town over real HTTP with a real SMTP server: the agent finds the CNI
sheet, the card proposes the next free slots at its desks, `r` then a digit, the
caller's name and e-mail and Enter book; the confirmation e-mail carries the date, the
place and the documents; then the call is logged as usual. A slot taken meanwhile
shows the next free ones; the booking section passes axe-core.

The clock is frozen on a Monday at 08:00 (booking_helpers.MONDAY_8AM), the HTTP
server's threads included."""

from booking_helpers import booking_mails
from booking_helpers import MONDAY_8AM
from browser_helpers import axe_violations
from browser_helpers import css
from browser_helpers import log_in
from browser_helpers import require_axe
from browser_helpers import wait_for
from datetime import datetime
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.testing import DEMO_PASSWORD
import pytest
import transaction


SHEET = "demarches/carte-identite"
TITLE = "Carte nationale d'identité (CNI)"


@pytest.fixture
def console(chromium, site, functional):
    ratelimit.clear()
    with clock.frozen(MONDAY_8AM):
        log_in(chromium, site, "agent", DEMO_PASSWORD)
        chromium.get(f"{site}/@@agent")
        wait_for(lambda: css(chromium, "#agent-q"))
        yield chromium


def press(driver, *keys):
    from selenium.webdriver.common.action_chains import ActionChains

    for key in keys:
        ActionChains(driver).send_keys(key).perform()


def open_sheet(driver):
    field = css(driver, "#agent-q")[0]
    field.send_keys("carte d'identité")
    wait_for(lambda: css(driver, "#agent-results li") and TITLE in css(driver, "#agent-results li")[0].text)
    field.send_keys("\n")
    wait_for(lambda: css(driver, "#agent-card-title") and css(driver, "#agent-card-title")[0].text == TITLE)
    return wait_for(lambda: [li for li in css(driver, "#agent-slots li[data-start]") if li.is_displayed()])


def test_madame_x_books_during_the_call(console, site, rest, inbox, functional):
    slots = open_sheet(console)
    first = slots[0]
    start = datetime.fromisoformat(first.get_attribute("data-start"))
    assert start >= MONDAY_8AM and len(slots) <= 9
    assert first.text.startswith("1 ") and "Hôtel de ville" in first.text  # the town hall first (by desk title)
    press(console, "r")
    assert "agent-booking-armed" in css(console, "#agent-booking")[0].get_attribute("class")
    assert css(console, "#agent-status")[0].text == "Réserver : tapez le chiffre du créneau, Échap pour annuler."
    press(console, "1")
    name = wait_for(lambda: css(console, "#agent-book-name")[0] if css(console, "#agent-book-name")[0].is_displayed() else None)
    assert console.switch_to.active_element == name
    assert css(console, "#agent-book-slot")[0].text.startswith("Rendez-vous : ")
    name.send_keys("Madame X")
    css(console, "#agent-book-email")[0].send_keys("madame.x@example.org\n")
    result = wait_for(lambda: css(console, "#agent-book-result")[0] if css(console, "#agent-book-result")[0].is_displayed() else None)
    assert result.text.startswith("Rendez-vous réservé : code ")
    assert result.text.endswith("La confirmation, avec la liste des pièces à apporter, est envoyée par e-mail.")
    code = result.text.split("code ")[1].split(" ")[0]

    transaction.begin()
    from guichet_kb.appointments import store
    from guichet_kb.appointments.mail import when_words
    from guichet_kb.interactions import checklist

    agenda, booking = store.find(code)
    assert (booking.name, booking.email, booking.channel, booking.agent, booking.start) == (
        "Madame X",
        "madame.x@example.org",
        "agent",
        "agent",
        start,
    )
    [mail] = booking_mails(inbox, 1)
    desk = agenda.desk.to_object
    portal = functional["portal"]
    lines = checklist.lines(portal.unrestrictedTraverse(SHEET), portal.REQUEST, "fr")
    assert mail["to"] == ["madame.x@example.org"]
    assert when_words(start, "fr") in mail["body"] and code in mail["body"]
    assert desk.Title() in mail["body"] and desk.street in mail["body"]
    assert lines and all(line in mail["body"] for line in lines)
    assert not css(console, "#agent-book")[0].is_displayed() and css(console, "#agent-book-name")[0].get_attribute("value") == ""

    answered = css(console, ".agent-outcome[data-outcome='answered']")[0]
    console.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", answered)
    answered.click()  # the call log, as usual
    wait_for(lambda: css(console, "#agent-status")[0].text.startswith("Appel noté"))
    items = rest("admin").get(f"{site}/@interactions").json()["items"]
    assert [(item["service_uid"], item["outcome"]) for item in items][-1:] == [(booking.service, "answered")]


def test_a_slot_taken_meanwhile_shows_the_next_ones(console, site, functional):
    slots = open_sheet(console)
    start = slots[0].get_attribute("data-start")
    press(console, "r", "1")
    wait_for(lambda: css(console, "#agent-book-name")[0].is_displayed())
    # Others book that slot on every counter serving its type before the agent presses Enter.
    from guichet_kb.appointments import store
    from guichet_kb.appointments.agendas import rules_of
    from guichet_kb.appointments.errors import BookingRefused
    from plone.app.uuid.utils import uuidToObject

    transaction.begin()
    agenda = uuidToObject(slots[0].get_attribute("data-agenda"), unrestricted=True)
    rules, schedule = rules_of(agenda), agenda.desk.to_object.schedule()
    kind = next(kind for kind in rules.types if kind.label in css(console, "#agent-book-slot")[0].text)
    for number, _counter in enumerate(rules.counters_for(kind.code)):
        person = store.Person(f"Autre {number}", f"autre{number}@example.org")
        try:
            store.book_of(agenda, create=True).reserve(rules, schedule, kind.code, datetime.fromisoformat(start), person, "online", now=clock.now())
        except BookingRefused:  # the slot is full already (another type shares the counters)
            break
    transaction.commit()
    css(console, "#agent-book-name")[0].send_keys("Madame X")
    css(console, "#agent-book-email")[0].send_keys("madame.x@example.org\n")
    wait_for(lambda: css(console, "#agent-status")[0].text.startswith("Ce créneau vient d'être pris."))
    assert css(console, "#agent-status")[0].text.endswith("Choisissez un autre créneau : son chiffre.")
    offered = [li.get_attribute("data-start") for li in css(console, "#agent-slots li[data-start]")]
    assert offered and start not in offered
    assert "agent-booking-armed" in css(console, "#agent-booking")[0].get_attribute("class")


def test_escape_leaves_the_booking(console):
    open_sheet(console)
    press(console, "r")
    from selenium.webdriver.common.keys import Keys

    press(console, Keys.ESCAPE)
    assert css(console, "#agent-status")[0].text == "Réservation abandonnée."
    assert not css(console, "#agent-book")[0].is_displayed()
    assert css(console, "#agent-card-title")[0].text == TITLE  # the card stays open


def test_the_booking_section_passes_axe(console):
    require_axe()
    open_sheet(console)
    press(console, "r", "1")
    wait_for(lambda: css(console, "#agent-book-name")[0].is_displayed())
    violations = axe_violations(console, "{include: [['#agent-booking']]}")
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
