"""The review queue's bulk form in headless Chromium, keyboard only: "Tout
sélectionner", then publish; the per-item results are a list with status words.
Also the form without a browser: the import batch shown and selectable, the CSRF
token required."""

from batch_helpers import pending_sheets
from browser_helpers import css
from browser_helpers import log_in
from browser_helpers import wait_for
from guichet_kb.testing import DEMO_PASSWORD
from plone import api
import re
import transaction


def tab_to(driver, element_id, limit=300):
    """Press Tab until the element with this id has the focus."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _press in range(limit):
        if driver.switch_to.active_element.get_attribute("id") == element_id:
            return
        ActionChains(driver).send_keys(Keys.TAB).perform()
    raise AssertionError(f"#{element_id} never got the focus")


def press(driver, key):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def test_keyboard_select_all_and_publish(chromium, site, functional):
    from selenium.webdriver.common.keys import Keys

    sheets = pending_sheets(functional["portal"], 3, by="importeur", prefix="clavier")
    driver = chromium
    log_in(driver, site, "valideur", DEMO_PASSWORD)
    driver.get(f"{site}/@@review-queue")
    wait_for(lambda: css(driver, "#guichet-select-all"))
    assert css(driver, "fieldset.guichet-batch-action legend")[0].text == "Agir sur les éléments sélectionnés"
    assert not any(box.is_selected() for box in css(driver, "input.guichet-item"))

    tab_to(driver, "guichet-select-all")
    press(driver, Keys.ENTER)
    wait_for(lambda: css(driver, "input.guichet-item") and all(box.is_selected() for box in css(driver, "input.guichet-item")))
    tab_to(driver, "guichet-batch-action")
    assert driver.switch_to.active_element.get_attribute("value") == "publish"  # the first action of the menu
    tab_to(driver, "guichet-batch-submit")
    press(driver, Keys.ENTER)

    summary = wait_for(lambda: css(driver, "#guichet-batch-summary") and css(driver, "#guichet-batch-summary")[0])
    assert summary.get_attribute("role") == "status"
    assert re.fullmatch(r"Publier : \d+ fait\(s\), \d+ refusé\(s\)\.", summary.text), summary.text
    lines = [li.text for li in css(driver, "#guichet-batch-results li")]
    for sheet in sheets:
        assert f"Fait : {sheet.Title()}" in lines
    transaction.begin()
    assert {api.content.get_state(sheet) for sheet in sheets} == {"published"}


def test_the_queue_shows_and_selects_an_import_batch(rest, site, functional):
    sheets = pending_sheets(functional["portal"], 2, by="importeur", batch="lot-2026-12", prefix="lot-ui")
    session = rest("valideur")
    page = session.get(f"{site}/@@review-queue", headers={"Accept": "text/html"}).text
    day = sheets[0].created().asdatetime().date().isoformat()
    assert f"Import du {day} par importeur" in page
    link = re.search(r'<a class="guichet-select-batch" href="([^"]+)">\s*Sélectionner le lot importé le ([^<]+)</a>', page)
    assert " ".join(link.group(2).split()) == f"{day} par importeur (2 éléments)"
    selected = session.get(link.group(1).replace("&amp;", "&"), headers={"Accept": "text/html"}).text
    boxes = r'<input type="checkbox" name="items:list" class="form-check-input guichet-item" id="[^"]+" value="(\S+) [^"]+"\s+checked'
    checked = re.findall(boxes, selected)
    assert sorted(checked) == sorted(sheet.UID() for sheet in sheets)


def test_the_form_needs_its_token(rest, site, functional):
    [sheet] = pending_sheets(functional["portal"], 1, by="importeur", prefix="jeton")
    session = rest("valideur")
    response = session.post(f"{site}/@@review-batch", data={"action": "publish", "items:list": sheet.UID()}, headers={"Accept": "text/html"})
    assert response.status_code == 403
    transaction.begin()
    assert api.content.get_state(sheet) == "pending"
    page = session.get(f"{site}/@@review-queue", headers={"Accept": "text/html"}).text
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    response = session.post(
        f"{site}/@@review-batch",
        data={"action": "reject", "items:list": sheet.UID(), "comment": "", "_authenticator": token},
        headers={"Accept": "text/html"},
    )
    assert "Un commentaire est obligatoire pour renvoyer un contenu à son auteur." in response.text
    response = session.post(
        f"{site}/@@review-batch",
        data={"action": "reject", "items:list": sheet.UID(), "comment": "À compléter.", "_authenticator": token},
        headers={"Accept": "text/html"},
    )
    assert re.search(r"<strong>Fait</strong> :\s*<a href=\"[^\"]+\">Démarche du lot 0</a>", response.text), response.text[-3000:]
    transaction.begin()
    assert api.content.get_state(sheet) == "draft"


def test_a_selection_over_the_maximum_is_handled_up_to_it_and_said(rest, site, functional):
    pending_sheets(functional["portal"], 1, by="importeur", prefix="maximum")  # so that the queue has its form
    session = rest("valideur")
    page = session.get(f"{site}/@@review-queue", headers={"Accept": "text/html"}).text
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    uids = [f"{number:032x}" for number in range(502)]
    response = session.post(
        f"{site}/@@review-batch",
        data={"action": "confirm_review", "items:list": uids, "_authenticator": token},
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 200
    assert (
        "Seuls les 500 premiers éléments sélectionnés ont été traités ; 2 autres ne l'ont pas été : appliquez de nouveau l'action pour eux."
        in response.text.replace("&#x27;", "'").replace("&#39;", "'")
    )
    assert response.text.count("<strong>Refusé</strong>") == 500
    assert "Confirmer (toujours exact) : 0 fait(s), 500 refusé(s)." in " ".join(response.text.split())
