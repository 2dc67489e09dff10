"""The expert's fact-check page in headless Chromium: the link opened from the
captured mail, no account; the draft shown without its staff-only fields or its
draft document; "À corriger" with a comment; then the reviewer sees the verdict
in the review queue. Also the refusals as a French page, without a browser."""

from browser_helpers import css
from browser_helpers import log_in
from browser_helpers import wait_for
from factcheck_helpers import answer
from factcheck_helpers import ask  # noqa: F401
from factcheck_helpers import draft  # noqa: F401
from factcheck_helpers import EXPERT
from factcheck_helpers import TOKEN_IN_MAIL
from guichet_kb.testing import DEMO_PASSWORD
import requests


COMMENT = "Le tarif est de 30 euros depuis janvier."


def test_asked_in_classic_answered_a_corriger_seen_by_the_reviewer(chromium, draft, inbox, rest, site):  # noqa: F811
    assert rest("redacteur").post(f"{draft}/@workflow/submit", json={"comment": "À valider."}).status_code == 200
    driver = chromium
    log_in(driver, site, "redacteur", DEMO_PASSWORD)
    driver.get(draft)
    section = wait_for(lambda: css(driver, "#section-fact-check"))[0]
    assert section.find_element("css selector", "h2").text == "Vérification par le service"
    driver.get(css(driver, "#fact-check-request")[0].get_attribute("href"))
    email = wait_for(lambda: css(driver, "#fact-check-email"))[0]
    assert email.get_attribute("value") == EXPERT  # the department's e-mail
    css(driver, "#fact-check-message")[0].send_keys("Merci de vérifier le tarif.\n")  # Enter: the form's first button
    wait_for(lambda: css(driver, "#section-fact-check li"))
    assert css(driver, "#section-fact-check li")[0].text.endswith(": en attente de la réponse")
    mail = inbox.wait(1)[-1]
    assert mail["to"] == [EXPERT] and "Sa note : Merci de vérifier le tarif." in mail["body"]
    link = TOKEN_IN_MAIL.search(mail["body"]).group(0)

    driver.delete_all_cookies()  # the expert has no account
    driver.get(f"{site}/{link}")
    heading = wait_for(lambda: css(driver, "#fact-check-sheet h2"))
    assert heading[0].text == "Carte de stationnement résident"
    page = css(driver, "main")[0].text
    assert "25 euros par an" in page and "Pièce publiée" in page
    assert "1 pièce(s) pas encore publiée(s) ne sont pas affichées." in page
    for hidden in ("SECRET-SCRIPT", "SECRET-NOTE", "Pièce brouillon", "Guichet vérifié", "Service vérifié"):
        assert hidden not in driver.page_source, hidden
    assert not css(driver, "a")  # no link to any other item
    css(driver, "#verdict-a-corriger")[0].click()
    css(driver, "#fact-check-comment")[0].send_keys(COMMENT)
    css(driver, "#fact-check-submit")[0].click()
    done = wait_for(lambda: css(driver, "#fact-check-done"))
    assert done[0].text == "Merci : votre réponse est enregistrée (à corriger). Le rédacteur en est informé."
    assert not css(driver, "#fact-check-form")
    driver.get(f"{site}/{link}")  # opened again: answered, no form
    assert wait_for(lambda: css(driver, "#fact-check-answered"))[0].text == "Cette vérification a déjà reçu une réponse : à corriger."
    assert not css(driver, "#fact-check-form")

    log_in(driver, site, "valideur", DEMO_PASSWORD)
    driver.get(f"{site}/@@review-queue")
    rows = wait_for(lambda: [r.text for r in css(driver, "tr") if "Carte de stationnement résident" in r.text])
    assert [text for text in rows if "Vérification par le service reçue" in text and f"Vérification par le service : à corriger — {COMMENT}" in text]
    history = rest("valideur").get(f"{draft}/@history").json()
    assert [e["comments"] for e in history if e.get("action") == "fact_check"] == [f"Vérification par le service : à corriger — {COMMENT}"]
    assert rest("valideur").get(draft).json()["review_state"] == "pending"  # the reviewer still publishes


def test_refusals_are_a_french_page_and_store_nothing(draft, ask, rest, site):  # noqa: F811
    _response, token = ask(draft)
    cases = [
        ({"token": token[:-3] + "abc"}, 403, "Ce lien de vérification n'est pas valide : utilisez le lien du courriel tel quel."),
        ({}, 403, "Ce lien de vérification n'est pas valide : utilisez le lien du courriel tel quel."),
        ({"token": token, "verdict": "a_corriger", "comment": ""}, 400, "Indiquez ce qui est à corriger (commentaire)."),
        ({"token": token, "verdict": "bof", "comment": "Un avis."}, 400, "« verdict » doit valoir exact ou a_corriger."),
    ]
    for form, status, message in cases:
        page = requests.post(f"{site}/@@fact-check", data=form)
        assert page.status_code == status, (form, page.text[:300])
        assert f'id="fact-check-error" role="alert">{message}</p>' in page.text
        if status == 400:  # a bad answer on a good link: the form again, the comment kept
            assert 'id="fact-check-form"' in page.text and f">{form['comment'] if 'comment' in form else ''}</textarea>" in page.text
        else:
            assert "Carte de stationnement résident" not in page.text and 'id="fact-check-form"' not in page.text
    assert requests.get(f"{site}/@@fact-check", params={"token": "abc.def"}).status_code == 403
    opened = requests.get(f"{site}/@@fact-check", params={"token": token})
    assert opened.status_code == 200
    assert opened.headers["Cache-Control"] == "private, no-store" and opened.headers["Referrer-Policy"] == "no-referrer"
    assert answer(rest, site, token, verdict="exact").status_code == 200  # nothing stored before: still answerable
    again = requests.post(f"{site}/@@fact-check", data={"token": token, "verdict": "exact"})
    assert again.status_code == 409
    assert "Cette vérification a déjà reçu une réponse : une seule réponse par lien." in again.text
    assert EXPERT not in again.text
