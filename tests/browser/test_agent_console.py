"""The agent console @@agent in headless Chromium (Debian chromium + chromedriver,
installed by scripts/browser.sh), against the demo site over real HTTP; e-mails are
captured by a real local SMTP server."""

from browser_helpers import css
from browser_helpers import log_in
from browser_helpers import wait_for
from guichet_kb import ratelimit
from guichet_kb.search.choices import store as choices
from guichet_kb.testing import DEMO_PASSWORD
from lossy_proxy import LossyProxy
from lossy_proxy import UUID4
from mail_helpers import passeport_checklist_body
import pytest
import transaction


@pytest.fixture
def console(chromium, site):
    """Logged in as the demo agent, on the console."""
    ratelimit.clear()
    log_in(chromium, site, "agent", DEMO_PASSWORD)
    origin = site.split("/plone")[0]
    chromium.execute_cdp_cmd("Browser.grantPermissions", {"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    chromium.get(f"{site}/@@agent")
    wait_for(lambda: css(chromium, "#agent-q"))
    return chromium


def click(driver, selector):
    element = css(driver, selector)[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def results(driver):
    return [li for li in css(driver, "#agent-results li") if li.is_displayed()]


def selected(driver):
    return [li.text.splitlines()[0] for li in results(driver) if li.get_attribute("aria-selected") == "true"]


def status(driver, words):
    return wait_for(lambda: words in css(driver, "#agent-status")[0].text and css(driver, "#agent-status")[0].text)


@pytest.fixture
def monday_morning():
    """The site's clock frozen on the coming Monday at 10:00 in Paris: which desks are open
    is known (after the demo's last review dates, so an agent report still counts)."""
    from datetime import datetime
    from datetime import timedelta
    from guichet_kb import clock

    today = clock.today()
    monday = today + timedelta(days=7 - today.weekday())
    with clock.frozen(datetime(monday.year, monday.month, monday.day, 10, 0)) as moment:
        yield moment


def test_keyboard_search_card_log_mail_and_report(console, site, rest, inbox, monday_morning):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver = console
    click(driver, "h1")  # focus away from the search box
    ActionChains(driver).send_keys("/").perform()
    assert driver.switch_to.active_element.get_attribute("id") == "agent-q"
    ActionChains(driver).send_keys("passeport").perform()
    expected = [i["title"] for i in rest("agent").get(f"{site}/@answer", params={"q": "passeport", "b_size": 8}).json()["items"]]
    wait_for(lambda: [li.text.splitlines()[0] for li in results(driver)] == expected)
    assert len(expected) >= 2 and selected(driver) == [expected[0]]
    ActionChains(driver).send_keys(Keys.ARROW_DOWN).perform()
    assert selected(driver) == [expected[1]]
    ActionChains(driver).send_keys(Keys.ARROW_UP).perform()
    assert selected(driver) == [expected[0]] == ["Passeport"]
    ActionChains(driver).send_keys(Keys.ENTER).perform()

    # The card: call script, checklist (the same lines as the e-mail), desks open or not.
    card = wait_for(lambda: css(driver, "#agent-card")[0].is_displayed() and css(driver, "#agent-card")[0])
    wait_for(lambda: css(driver, "#agent-card-title") and css(driver, "#agent-card-title")[0].text == "Passeport")
    sheet = rest("agent").get(f"{site}/demarches/passeport").json()
    lines = rest("agent").get(f"{site}/@checklist", params={"service": sheet["UID"]}).json()["lines"]
    assert [li.text for li in css(driver, "#agent-checklist li")] == lines
    assert css(driver, "#agent-say")[0].text == sheet["call_script_answer"].strip()
    expanded = rest("agent").get(f"{site}/demarches/passeport", params={"expand": "guichet"}).json()["@components"]["guichet"]["desks"]
    shown = [d.text for d in css(driver, "#agent-desks li")]
    assert len(shown) == len(expanded) >= 1
    for text, desk in zip(shown, expanded, strict=True):
        assert desk["title"] in text
        assert ("Ouvert maintenant" in text) is desk["open_now"], text
        assert ("Prochaine ouverture" in text) is (not desk["open_now"] and desk["next_opening"] is not None), text
    assert "Coût : " in card.text and " €" in card.text and "Délai : " in card.text

    # Copy the checklist.
    click(driver, "#agent-copy")
    status(driver, "copiée")
    copied = driver.execute_async_script("navigator.clipboard.readText().then(arguments[0])")
    assert copied.startswith("Passeport\n") and all(line in copied for line in lines)

    # E-mail it: a wrong address is refused in French, a right one is sent with the checklist.
    css(driver, "#agent-email")[0].send_keys("pas-une-adresse@")
    driver.execute_script("document.getElementById('agent-email').type = 'text'")  # bypass the browser's own check
    click(driver, "#agent-mail button")
    status(driver, "pas une adresse électronique")
    css(driver, "#agent-email")[0].clear()
    css(driver, "#agent-email")[0].send_keys("usager@example.org")
    click(driver, "#agent-mail button")
    status(driver, "Liste envoyée")
    (message,) = inbox.wait(1)
    assert message["to"] == ["usager@example.org"] and message["subject"] == "Pièces à fournir : Passeport"
    text = rest("agent").get(f"{site}/@checklist", params={"service": sheet["UID"]}).json()["text"]
    assert text == "\n".join(f"- {line}" for line in lines)
    assert message["body"] == passeport_checklist_body(text, site)

    # One-click log: the channel chosen, then the outcome.
    click(driver, "input[name='agent-channel'][value='accueil']")
    click(driver, "button[data-outcome='answered']")
    status(driver, "Appel noté : Répondu")
    logged = rest("admin").get(f"{site}/@interactions").json()["items"]
    assert [(i["service_uid"], i["channel"], i["outcome"]) for i in logged] == [(sheet["UID"], "accueil", "answered")]

    # "Information incorrecte / pas de réponse" reaches the review queue.
    click(driver, "#agent-report summary")
    css(driver, "#agent-report-comment")[0].send_keys("Le délai annoncé est de 8 semaines, pas 4.")
    click(driver, "#agent-report-form button")
    status(driver, "transmis aux valideurs")
    queue = rest("valideur").get(f"{site}/@review-queue", params={"reason": "agent_report"}).json()["items"]
    assert [i["UID"] for i in queue] == [sheet["UID"]]
    assert queue[0]["details"][0]["comment"] == "Information incorrecte : Le délai annoncé est de 8 semaines, pas 4."

    # Esc clears everything and leaves the agent in the search box.
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert not css(driver, "#agent-card")[0].is_displayed() and results(driver) == []
    assert driver.switch_to.active_element.get_attribute("id") == "agent-q"
    assert css(driver, "#agent-q")[0].get_attribute("value") == ""


def test_lost_identity_card_in_a_few_keystrokes(console, site, rest):
    from selenium.webdriver.common.keys import Keys

    driver = console
    assert driver.switch_to.active_element.get_attribute("id") == "agent-q"  # focused on load
    driver.switch_to.active_element.send_keys("j'ai perdu ma carte d'identité")
    wait_for(lambda: selected(driver) == ["Carte nationale d'identité (CNI)"])
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(lambda: css(driver, "#agent-card-title") and "Carte nationale d'identité" in css(driver, "#agent-card-title")[0].text)
    click(driver, "button[data-outcome='answered']")
    status(driver, "Appel noté")
    logged = rest("admin").get(f"{site}/@interactions").json()["items"]
    assert logged[0]["service"] == "Carte nationale d'identité (CNI)"
    # The words searched went with the call: the agent's choice is counted (search/choices).
    transaction.begin()
    assert choices.counts() == {("perdu carte identite", logged[0]["service_uid"]): 1}


def test_console_is_staff_only_and_in_their_menu(rest, site):
    html = {"Accept": "text/html"}
    assert rest().get(f"{site}/@@agent", headers=html, allow_redirects=False).status_code in (302, 401)
    assert rest("agent").get(f"{site}/@@agent", headers=html).status_code == 200
    assert f'href="{site}/@@agent"' in rest("agent").get(site, headers=html).text
    assert "@@agent" not in rest().get(site, headers=html).text


def test_related_answer_opens_in_the_card_and_is_logged(console, site, rest):
    from selenium.webdriver.common.keys import Keys

    driver = console
    driver.switch_to.active_element.send_keys("passeport")
    wait_for(lambda: selected(driver) == ["Passeport"])
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    expansion = rest("agent").get(f"{site}/demarches/passeport", params={"expand": "guichet"}).json()
    related = expansion["@components"]["guichet"]["related_answers"][0]
    link = wait_for(lambda: [a for a in css(driver, "#agent-card-body a") if a.text == related["title"]])[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", link)
    link.click()
    wait_for(lambda: css(driver, "#agent-card-title")[0].text == related["title"])
    assert related["short_answer"] in css(driver, "#agent-card")[0].text
    assert not css(driver, "#agent-checklist-section")[0].is_displayed()  # answers have no checklist
    click(driver, "input[name='agent-channel'][value='courriel']")
    click(driver, "button[data-outcome='redirected']")
    status(driver, "Appel noté : Réorienté")
    answer_uid = rest("agent").get(related["@id"]).json()["UID"]
    logged = rest("admin").get(f"{site}/@interactions").json()["items"]
    assert [(i["service_uid"], i["channel"], i["outcome"]) for i in logged] == [(answer_uid, "courriel", "redirected")]
    transaction.begin()
    assert choices.counts() == {}  # opened from the card, not chosen among the results for "passeport"


def test_nothing_found_is_logged_as_not_answered(console, site, rest):
    driver = console
    assert not css(driver, "button[data-outcome='answered']")[0].is_enabled()  # no card open
    driver.switch_to.active_element.send_keys("zzqxw")
    status(driver, "Aucune réponse trouvée")
    assert results(driver) == []
    click(driver, "input[name='agent-channel'][value='telephone']")
    click(driver, "button[data-outcome='not_answered']")
    status(driver, "Appel noté : Pas pu répondre")
    logged = rest("admin").get(f"{site}/@interactions").json()["items"]
    assert [(i["service_uid"], i["channel"], i["outcome"]) for i in logged] == [("", "telephone", "not_answered")]


@pytest.mark.parametrize("lose", ["answer", "503"])
def test_a_call_whose_answer_was_lost_is_sent_again_and_stored_once(console, site, rest, lose):
    """Through a proxy that loses the first answer (after the site stored the call) or
    answers 503: the console sends the call again with the same Idempotency-Key."""
    driver = console
    port = int(site.split(":")[2].split("/")[0])
    with LossyProxy(port, b"POST /plone/@interactions", lose=lose) as proxy:
        driver.get(f"{proxy.url(site)}/@@agent")  # the session cookie is the host's, whatever the port
        wait_for(lambda: css(driver, "#agent-q"))
        click(driver, "input[name='agent-channel'][value='telephone']")
        click(driver, "button[data-outcome='not_answered']")
        status(driver, "Appel noté : Pas pu répondre")
        assert proxy.lost == 1 and len(proxy.requests) == 2
        assert proxy.requests[0] == proxy.requests[1] and UUID4.fullmatch(proxy.requests[0])
    logged = rest("admin").get(f"{site}/@interactions").json()["items"]
    assert [(i["service_uid"], i["channel"], i["outcome"]) for i in logged] == [("", "telephone", "not_answered")]


FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


def test_desk_times_in_the_desks_zone_not_the_browsers(console, site, rest):
    from datetime import datetime
    from datetime import timedelta
    from guichet_kb import clock

    driver = console
    today = clock.today()
    closure = {"start": str(today - timedelta(days=1)), "end": str(today + timedelta(days=1)), "label": "Inventaire", "closed": True}
    assert rest("admin").patch(f"{site}/guichets/mairie-annexe", json={"hours_exceptions": [closure]}).status_code == 204
    desk = next(d for d in rest("agent").get(f"{site}/@desks").json()["items"] if d["title"] == "Mairie annexe des Tilleuls")
    assert desk["time_zone"] == "Europe/Paris" and not desk["open_now"]
    opening = datetime.fromisoformat(desk["next_opening"])  # the desk's wall-clock time, e.g. 09:00+01:00
    expected = f"Prochaine ouverture : {FRENCH_DAYS[opening.weekday()]} {opening.day} {FRENCH_MONTHS[opening.month - 1]} à {opening:%H:%M}"

    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "UTC"})  # an agent's browser not in Paris
    try:
        assert driver.execute_script("return Intl.DateTimeFormat().resolvedOptions().timeZone") == "UTC"
        css(driver, "#agent-q")[0].send_keys("passeport")
        wait_for(lambda: results(driver) and results(driver)[0].text.splitlines()[0] == "Passeport")
        click(driver, "#agent-results li")
        line = wait_for(lambda: next((li.text for li in css(driver, "#agent-desks li") if li.text.startswith("Mairie annexe")), None))
        assert line == f"{desk['title']} — {desk['address']} — {desk['phone']} Fermé · {expected}"
    finally:
        driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": ""})
