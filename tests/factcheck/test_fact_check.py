"""Fact check by the back office over real HTTP and real SMTP: the request and its
mail, the expert's JSON, the answer recorded (annotation, history, review queue,
mail to the editor), and every refusal storing nothing."""

import catalogue_factory as make
from datetime import datetime
from datetime import timedelta
from factcheck_helpers import answer
from factcheck_helpers import EXPERT
from factcheck_helpers import records
from guichet_kb import clock
import re
import requests


MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


def crlf(text):
    return text.replace("\n", "\r\n")


def test_request_mails_the_department_expert(draft, ask, inbox, site):
    response, token = ask(draft, message="Le tarif 2027 est-il bon ?")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["to"] == EXPERT
    assert body["state"] == "pending"
    assert body["asked_by"] == "redacteur"
    assert (clock.now() + timedelta(days=14)).date().isoformat() == body["expires"][:10]
    mail = inbox.messages[-1]
    assert mail["to"] == [EXPERT]
    assert mail["subject"] == "[Guichet] Vérification demandée : Carte de stationnement résident"
    expires = datetime.fromisoformat(body["expires"])
    in_words = f"{expires.day} {MONTHS_FR[expires.month - 1]} {expires.year}"
    expected = (
        "Rédacteur (démo) vous demande de vérifier la fiche « Carte de stationnement résident » avant sa validation.\n\n"
        "Sa note : Le tarif 2027 est-il bon ?\n\n"
        "Lisez-la et répondez « Exact » ou « À corriger » sur cette page (aucun compte nécessaire) :\n"
        f"{site}/@@fact-check?token={token}\n\n"
        f"Ce lien est valable jusqu'au {in_words}.\n"
    )
    assert mail["body"] == crlf(expected)


def test_an_explicit_address_and_several_outstanding_requests(draft, ask, functional):
    first, _token = ask(draft)
    second, _token = ask(draft, email="autre.expert@ville-exemple.invalid")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json()["to"] == "autre.expert@ville-exemple.invalid"
    assert [r["id"] for r in records(functional, draft)] == [first.json()["id"], second.json()["id"]]


def test_bad_requests_store_nothing(draft, ask, rest, functional, catalogue, site):
    cases = [
        ({"email": "pas une adresse"}, 400, "« email » doit être une adresse électronique."),
        ({"message": "deux\nlignes"}, 400, None),
        ({"mail": EXPERT}, 400, "Champ(s) inconnu(s) : mail. Champs possibles : email, message."),
    ]
    for body, status, message in cases:
        response, _token = ask(draft, **body)
        assert response.status_code == status, (body, response.text)
        assert response.json()["error"]["type"] == "BadRequest"
        if message:
            assert response.json()["error"]["message"] == message
    assert records(functional, draft) == []
    assert rest(None).post(f"{draft}/@fact-check", json={}).status_code == 401
    refused = rest("agent").post(f"{draft}/@fact-check", json={})
    assert refused.status_code in (401, 403), refused.text
    assert records(functional, draft) == []


NO_EMAIL = "Le service responsable de la fiche n'a pas d'adresse électronique : indiquez celle de l'expert (« email »)."


def test_a_department_without_email_needs_one(rest, site, catalogue, ask):
    department = catalogue(make.department("sans-courriel-service", "Service sans courriel"))["sans-courriel-service"]
    payload = {"@type": "ServiceSheet", "id": "sans-courriel", "title": "Sans courriel", "department": department.UID()}
    sheet = rest("redacteur").post(f"{site}/demarches", json=payload).json()["@id"]
    refused, _token = ask(sheet)
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == NO_EMAIL


def test_published_sheet_is_checked_through_its_working_copy(own_sheet, ask, rest):
    url = own_sheet.absolute_url()
    refused, _token = ask(url)
    assert refused.status_code == 409
    assert refused.json()["error"] == {
        "type": "Conflict",
        "message": "Seule une fiche en brouillon, en attente de validation ou une copie de travail peut être vérifiée : "
        "créez d'abord une copie de travail de cette fiche.",
    }
    working_copy = rest("redacteur").post(f"{url}/@workingcopy").json()["@id"]
    refused, _token = ask(url)
    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == f"Cette fiche est publiée : demandez la vérification sur sa copie de travail : {working_copy}"
    accepted, token = ask(working_copy, email=EXPERT)
    assert accepted.status_code == 201, accepted.text
    assert token


def test_the_expert_reads_the_draft_and_nothing_else(draft, ask, rest, site):
    _response, token = ask(draft)
    reply = rest(None).get(f"{site}/@fact-check-answer", params={"token": token})
    assert reply.status_code == 200, reply.text
    assert reply.headers["Cache-Control"] == "private, no-store"
    data = reply.json()
    assert data["request"]["state"] == "pending"
    assert "asked_by" not in data["request"]
    sheet = data["sheet"]
    assert sheet["title"] == "Carte de stationnement résident"
    assert sheet["cost_note"] == "25 euros par an"
    assert sheet["eligibility"] == "<p>Les résidents du centre.</p>"
    assert [row["title"] for row in sheet["required_documents"]] == ["Pièce publiée"]
    assert sheet["documents_not_shown"] == 1
    text = reply.text
    for secret in ("SECRET-SCRIPT", "SECRET-NOTE", "Pièce brouillon", "Guichet vérifié", "Service vérifié", "call_script", "internal_notes"):
        assert secret not in text, secret


def test_an_answer_is_recorded_shown_in_history_and_mailed(draft, ask, rest, site, inbox, functional):
    _response, token = ask(draft)
    before = len(inbox.messages)
    reply = answer(rest, site, token, verdict="exact", comment="Tarif confirmé par la délibération.")
    assert reply.status_code == 200, reply.text
    assert reply.json()["request"]["state"] == "answered"
    [record] = records(functional, draft)
    assert (record["verdict"], record["comment"], record["to"]) == ("exact", "Tarif confirmé par la délibération.", EXPERT)
    assert record["answered_at"]
    history = rest("redacteur").get(f"{draft}/@history").json()
    entry = next(e for e in history if e.get("action") == "fact_check")
    assert entry["comments"] == "Vérification par le service : exact — Tarif confirmé par la délibération."
    assert entry["review_state"] == "draft"
    assert rest("redacteur").get(draft).json()["review_state"] == "draft"  # a fact check is no transition
    classic = logged_in(site, "redacteur").get(f"{draft}/@@historyview")  # the Classic history
    assert classic.status_code == 200
    assert "Vérification par le service : exact — Tarif confirmé par la délibération." in classic.text
    mail = inbox.wait(before + 1)[-1]
    assert mail["to"] == ["redacteur@ville-exemple.invalid"]
    assert mail["subject"] == "[Guichet] Réponse du service : Carte de stationnement résident"
    assert mail["body"] == crlf(
        f"{EXPERT} a vérifié « Carte de stationnement résident » : exact.\n\nTarif confirmé par la délibération.\n\n{draft}\n"
    )
    again = answer(rest, site, token, verdict="a_corriger", comment="Non, finalement.")
    assert again.status_code == 409
    assert again.json()["error"] == {"type": "Conflict", "message": "Cette vérification a déjà reçu une réponse : une seule réponse par lien."}
    assert records(functional, draft)[0]["verdict"] == "exact"


def test_bad_answers_store_nothing(draft, ask, rest, site, functional):
    _response, token = ask(draft)
    cases = [
        ({"verdict": "peut-etre"}, "« verdict » doit valoir exact ou a_corriger."),
        ({"verdict": "a_corriger"}, "Indiquez ce qui est à corriger (commentaire)."),
        ({"verdict": "a_corriger", "comment": "   "}, "Indiquez ce qui est à corriger (commentaire)."),
        (
            {"verdict": "a_corriger", "comment": "Appelez-moi au 06 12 34 56 78."},
            "N'écrivez ni adresse électronique ni numéro de téléphone dans le commentaire : dites ce qui est à corriger.",
        ),
        ({"verdict": "exact", "comment": "x" * 2001}, None),
        ({"verdict": "exact", "comment": 12}, "« comment » doit être un texte."),
        ({"verdict": "exact", "extra": 1}, "Champ(s) inconnu(s) : extra. Champs possibles : token, verdict, comment."),
    ]
    for body, message in cases:
        reply = answer(rest, site, token, **body)
        assert reply.status_code == 400, (body, reply.text)
        if message:
            assert reply.json()["error"]["message"] == message, body
    assert records(functional, draft)[0]["answered_at"] is None
    history = rest("redacteur").get(f"{draft}/@history").json()
    assert not [e for e in history if e.get("action") == "fact_check"]


def test_forged_expired_and_gone_links(draft, ask, rest, site, functional):
    _response, token = ask(draft)
    payload, signature = token.split(".")
    forged_message = "Ce lien de vérification n'est pas valide : utilisez le lien du courriel tel quel."
    for bad in (payload + "." + signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB"), payload, "abc.def", "", "x" * 1000):
        for reply in (rest(None).get(f"{site}/@fact-check-answer", params={"token": bad}), answer(rest, site, bad, verdict="exact")):
            assert reply.status_code == 403, (bad, reply.text)
            assert reply.json()["error"] == {"type": "Forbidden", "message": forged_message}
    with clock.frozen(clock.now() + timedelta(days=15)):
        for reply in (rest(None).get(f"{site}/@fact-check-answer", params={"token": token}), answer(rest, site, token, verdict="exact")):
            assert reply.status_code == 410
            assert reply.json()["error"] == {"type": "Gone", "message": "Ce lien de vérification a expiré : demandez-en un nouveau au rédacteur."}
    assert records(functional, draft)[0]["answered_at"] is None
    assert rest("redacteur").delete(draft).status_code == 204
    gone = answer(rest, site, token, verdict="exact")
    assert gone.status_code == 404
    assert gone.json()["error"]["message"] == "Cette fiche n'existe plus : elle a été supprimée, ou sa copie de travail a été intégrée."


def test_the_review_queue_shows_the_verdict_and_the_reviewer_still_publishes(draft, ask, rest, site):
    assert rest("redacteur").post(f"{draft}/@workflow/submit", json={"comment": "À valider."}).status_code == 200
    _response, token = ask(draft)
    assert answer(rest, site, token, verdict="a_corriger", comment="Le tarif est de 30 euros depuis janvier.").status_code == 200
    queue = rest("valideur").get(f"{site}/@review-queue", params={"reason": "fact_check"}).json()
    [entry] = [e for e in queue["items"] if e["@id"] == draft]
    assert entry["reason"] == "fact_check"
    assert entry["review_state"] == "pending"
    [detail] = entry["details"]
    assert (detail["verdict"], detail["verdict_title"], detail["comment"], detail["by"]) == (
        "a_corriger",
        "à corriger",
        "Vérification par le service : à corriger — Le tarif est de 30 euros depuis janvier.",
        EXPERT,
    )
    assert rest("valideur").post(f"{draft}/@workflow/publish", json={}).status_code == 200
    after = rest("valideur").get(f"{site}/@review-queue", params={"reason": "fact_check"}).json()
    assert not [e for e in after["items"] if e["@id"] == draft]


def test_answers_are_rate_limited(draft, ask, rest, site, functional):
    from guichet_kb.api.fact_check_answer.post import LIMIT

    _response, token = ask(draft)
    statuses = [answer(rest, site, token, verdict="bof").status_code for _try in range(LIMIT + 1)]
    assert statuses == [400] * LIMIT + [429]
    assert answer(rest, site, token, verdict="exact").status_code == 429
    assert records(functional, draft)[0]["answered_at"] is None


def test_opening_the_link_writes_nothing(draft, ask, rest, site, functional):
    _response, token = ask(draft)
    db = functional["portal"]._p_jar.db()
    before = db.lastTransaction()
    for caller in (None, "agent", "redacteur"):
        assert rest(caller).get(f"{site}/@fact-check-answer", params={"token": token}).status_code == 200
        assert requests.get(f"{site}/@@fact-check", params={"token": token}).status_code == 200
    assert db.lastTransaction() == before


def logged_in(site, user):
    """A Classic UI session (the __ac cookie) of a demo user."""
    from guichet_kb.testing import DEMO_PASSWORD

    session = requests.Session()
    form = {"__ac_name": user, "__ac_password": DEMO_PASSWORD, "came_from": site, "buttons.login": "Se connecter", "form.submitted": "1"}
    assert session.post(f"{site}/login", data=form).status_code == 200 and "__ac" in session.cookies
    return session


def test_the_classic_request_form_refuses_as_rest_does(draft, site, functional, inbox):
    editor = logged_in(site, "redacteur")
    page = editor.get(f"{draft}/@@request-fact-check")
    assert page.status_code == 200
    assert f'value="{EXPERT}"' in page.text  # the department's e-mail, prefilled
    authenticator = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    form = {"_authenticator": authenticator, "form.button.send": "1", "email": "pas une adresse", "message": ""}
    refused = editor.post(f"{draft}/@@request-fact-check", data=form)
    assert refused.status_code == 400
    assert 'id="fact-check-problem">« email » doit être une adresse électronique.</div>' in refused.text
    without_token = editor.post(f"{draft}/@@request-fact-check", data={**form, "_authenticator": "", "email": EXPERT})
    assert without_token.status_code == 403
    assert records(functional, draft) == []
    agent = logged_in(site, "agent").get(f"{draft}/@@request-fact-check")
    assert agent.url.endswith("/insufficient-privileges")  # Plone's page for a logged-in caller without the right
    assert 'name="form.button.send"' not in agent.text
