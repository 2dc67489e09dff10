"""The Classic UI page « Rendez-vous du jour » (@@rendez-vous-du-jour): the columns per
counter and the day's navigation; the buttons work without JavaScript (POST forms with
the page's token) and, in headless Chromium, from the keyboard without a reload (1
Arrivé, 2 Absent, 3 Terminé; arrows between appointments); printable; axe-core clean;
who may open it."""

from browser_helpers import axe_violations
from browser_helpers import css
from browser_helpers import driver
from browser_helpers import log_in
from browser_helpers import require_axe
from browser_helpers import wait_for
from catalogue_factory import agenda
from catalogue_factory import appointment_type
from catalogue_factory import counter
from catalogue_factory import standalone_sheet
from counter_helpers import at
from counter_helpers import past_weekday
from counter_helpers import reserve
from datetime import timedelta
from guichet_kb.testing import DEMO_PASSWORD
import pytest
import re
import requests
import transaction


SHEET, DESK, AGENDA = "rdv-page", "rdv-page-guichet", "agenda-page"


@pytest.fixture(scope="module")
def chromium():
    browser = driver()
    browser.set_window_size(1280, 1000)
    yield browser
    browser.quit()


@pytest.fixture
def page(catalogue, site):
    """Two counters; on a past weekday Madame X (09:00, p1) and Monsieur Y (09:20, p1),
    Madame Z on p2 (09:00): the page's URL and the codes."""
    items = catalogue(
        *standalone_sheet(SHEET, "Rendez-vous de la page"),
        agenda(
            AGENDA,
            "Agenda de la page",
            DESK,
            [appointment_type("depot", SHEET, 20, "Dépôt")],
            [counter("p1", label="Poste 1"), counter("p2", label="Poste 2")],
        ),
    )
    day = past_weekday()
    calendar = items[AGENDA]
    codes = [
        reserve(calendar, "depot", at(day, 9), "Madame X", "x@example.org", phone="06 11 22 33 44").code,
        reserve(calendar, "depot", at(day, 9, 20), "Monsieur Y", "y@example.org").code,
        reserve(calendar, "depot", at(day, 9), "Madame Z", "z@example.org").code,
    ]
    transaction.commit()
    desk = items[DESK].UID()
    return {"url": f"{site}/@@rendez-vous-du-jour?desk={desk}&date={day.isoformat()}", "day": day, "desk": desk, "codes": codes}


def cookie_session(site, user):
    session = requests.Session()
    response = session.post(
        f"{site}/login",
        data={"__ac_name": user, "__ac_password": DEMO_PASSWORD, "came_from": site, "buttons.login": "Se connecter", "form.submitted": "1"},
    )
    assert "__ac" in session.cookies, response.status_code
    return session


def statuses(html):
    return re.findall(r'class="day-status"[^>]*>([^<]+)<', html)


def test_the_columns_and_the_navigation_without_javascript(site, page):
    session = cookie_session(site, "agent")
    html = session.get(page["url"]).text
    assert '<h1 class="documentFirstHeading">Rendez-vous du jour</h1>' in html
    assert re.findall(r'<h2 class="h5"[^>]*>\s*([^<]+?)\s*<span', html) == ["Poste 1", "Poste 2"]
    assert re.findall(r'class="day-name"[^>]*>([^<]+)<', html) == ["Madame X", "Monsieur Y", "Madame Z"]
    assert statuses(html) == ["Réservé", "Réservé", "Réservé"]
    assert "example.org" not in html and "06 11 22 33 44" not in html
    previous = (page["day"] - timedelta(days=1)).isoformat()
    assert f'date={previous}"' in html and "Jour précédent" in html and "Jour suivant" in html and "Aujourd" in html


def test_a_button_posts_without_javascript(site, page):
    session = cookie_session(site, "agent")
    html = session.get(page["url"]).text
    token = re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)
    madame = page["codes"][0]
    form = {"_authenticator": token, "code": madame, "status": "arrived", "desk": page["desk"], "date": page["day"].isoformat()}
    response = session.post(f"{site}/@@rendez-vous-du-jour", data=form, allow_redirects=False)
    assert response.status_code == 303 and response.headers["Location"].endswith(f"date={page['day'].isoformat()}")
    html = session.get(response.headers["Location"]).text
    assert f"{madame} : Arrivé." in html
    assert statuses(html) == ["Arrivé", "Réservé", "Réservé"]
    refused = session.post(f"{site}/@@rendez-vous-du-jour", data={**form, "status": "arrived", "code": page["codes"][1], "_authenticator": "forged"})
    assert refused.status_code == 403
    html = session.post(f"{site}/@@rendez-vous-du-jour", data={**form, "status": "no_show"}).text  # followed: the message
    assert statuses(html) == ["Absent", "Réservé", "Réservé"]
    html = session.post(f"{site}/@@rendez-vous-du-jour", data={**form, "code": page["codes"][1], "status": "done"}).text
    assert "Ce rendez-vous est « Réservé » : il ne peut pas être marqué « Terminé »." in html


def test_who_may_open_the_page(site, page):
    assert "Rendez-vous du jour" not in requests.get(page["url"]).text  # the login form
    assert "Rendez-vous du jour" not in cookie_session(site, "redacteur").get(page["url"]).text
    assert "Madame X" in cookie_session(site, "responsable").get(page["url"]).text


def test_keys_mark_without_reloading(chromium, site, page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    log_in(chromium, site, "agent", DEMO_PASSWORD)
    chromium.get(page["url"])
    rows = wait_for(lambda: css(chromium, ".day-appointment"))
    chromium.execute_script("window.guichetMark = 1")  # gone if the page reloads
    rows[0].click()
    ActionChains(chromium).send_keys("1").perform()
    wait_for(lambda: css(chromium, ".day-appointment .day-status")[0].text == "Arrivé")
    assert css(chromium, "#day-status")[0].text == f"{page['codes'][0]} : Arrivé."
    ActionChains(chromium).send_keys("3").perform()
    wait_for(lambda: css(chromium, ".day-appointment .day-status")[0].text == "Terminé")
    buttons = css(chromium, ".day-appointment")[0].find_elements("css selector", "button")
    assert [button.is_enabled() for button in buttons] == [False, False, False]
    ActionChains(chromium).send_keys(Keys.ARROW_DOWN, "2").perform()
    wait_for(lambda: css(chromium, ".day-appointment .day-status")[1].text == "Absent")
    assert chromium.execute_script("return window.guichetMark") == 1
    assert css(chromium, "#day-print")[0].is_displayed()
    chromium.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not css(chromium, ".day-marks")[0].is_displayed() and not css(chromium, "#day-choice")[0].is_displayed()
        assert css(chromium, ".day-name")[0].is_displayed()
    finally:
        chromium.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_page_passes_axe(chromium, site, page):
    require_axe()
    log_in(chromium, site, "agent", DEMO_PASSWORD)
    chromium.get(page["url"])
    wait_for(lambda: css(chromium, ".day-appointment"))
    violations = axe_violations(chromium, "document.querySelector('#guichet-day')")
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")] == []
