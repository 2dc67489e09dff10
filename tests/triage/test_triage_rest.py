"""Triage over real HTTP: screening, duplicates, GET @feedback, POST @feedback-triage,
the review queue following the statuses and filtering by department."""

import pytest


MASKED = "[données personnelles masquées]"


def feedback(rest, site, uid, useful=False, comment=""):
    response = rest().post(f"{site}/@feedback", json={"uid": uid, "useful": useful, "comment": comment})
    assert response.status_code == 204, response.text
    return response


def listed(rest, site, user="responsable", **params):
    response = rest(user).get(f"{site}/@feedback", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def triage(rest, site, user="valideur", **body):
    return rest(user).post(f"{site}/@feedback-triage", json=body)


def test_personal_data_is_masked_before_it_is_stored(rest, site, own):
    uid = own["tri-passeport"].UID()
    feedback(rest, site, uid, comment="Rappelez-moi au 06 12 34 56 78 ou jean.dupont@example.fr, merci.")
    feedback(rest, site, uid, useful=True)  # a plain vote: not an item
    response = rest("responsable").get(f"{site}/@feedback")
    assert "06 12 34 56 78" not in response.text and "jean.dupont" not in response.text
    [item] = response.json()["items"]
    assert item["comment"] == "Rappelez-moi au [masqué] ou [masqué], merci."
    assert item["personal"] is True and item["kind"] == "feedback" and item["useful"] is False
    assert item["item"] == {"UID": uid, "title": "Passeport de tri", "@id": own["tri-passeport"].absolute_url()}
    assert item["department"] == {"UID": own["tri-etat-civil"].UID(), "title": "État civil d'essai"}
    assert item["status"] == "new" and item["count"] == 1 and item["id"].startswith("feedback-")


def test_the_same_comment_within_ten_minutes_is_merged(rest, site, own, at):
    uid = own["tri-passeport"].UID()
    at(2026, 12, 1, 9, 0)
    feedback(rest, site, uid, comment="Les horaires sont faux.")
    at(2026, 12, 1, 9, 9)
    feedback(rest, site, uid, comment="  les HORAIRES   sont  faux.")  # folded: the same
    feedback(rest, site, uid, useful=True, comment="Les horaires sont faux.")  # another answer: another item
    at(2026, 12, 1, 9, 11)
    feedback(rest, site, uid, comment="Les horaires sont faux.")  # 11 minutes after the first: a new item
    items = listed(rest, site)
    assert [(i["useful"], i["count"]) for i in items] == [(False, 1), (True, 1), (False, 2)]
    assert items[2]["first"] == "2026-12-01T10:00:00+01:00" and items[2]["last"] == "2026-12-01T10:09:00+01:00"


def test_agents_reports_are_merged_and_routed(rest, site, own):
    answer = own["tri-question"].UID()
    for comment in ("Le tarif a changé.", "Le tarif a CHANGÉ.", "Autre chose."):
        body = {"service": answer, "kind": "incorrect", "comment": comment}
        assert rest("agent").post(f"{site}/@agent-report", json=body).status_code == 201
    assert rest("agent").post(f"{site}/@agent-report", json={"service": answer, "kind": "no_answer", "comment": "Autre chose."}).status_code == 201
    items = listed(rest, site)
    assert sorted((i["kind"], i["comment"], i["count"]) for i in items) == [
        ("incorrect", "Autre chose.", 1),
        ("incorrect", "Le tarif a changé.", 2),
        ("no_answer", "Autre chose.", 1),
    ]
    # an answer is routed to the department of its related sheet
    assert {i["department"]["title"] for i in items} == {"État civil d'essai"}
    assert [i["kind"] for i in listed(rest, site, kind="no_answer")] == ["no_answer"]


def test_status_is_recorded_and_spam_and_done_leave_the_queue(rest, site, own):
    uid = own["tri-passeport"].UID()
    feedback(rest, site, uid, comment="Rien compris.")
    feedback(rest, site, uid, comment="Achetez des montres.")
    first, second = sorted(listed(rest, site), key=lambda i: i["first"])

    def queued():
        entries = rest("valideur").get(f"{site}/@review-queue", params={"reason": "feedback"}).json()["items"]
        return [(d["comment"], d["status"]) for e in entries for d in e["details"]]

    assert queued() == [("Rien compris.", "new"), ("Achetez des montres.", "new")]
    answer = triage(rest, site, id=first["id"], status="actionable")
    assert answer.status_code == 200 and answer.json()["status"] == "actionable" and answer.json()["status_by"] == "valideur"
    assert triage(rest, site, user="responsable", id=second["id"], status="spam").json()["status_by"] == "responsable"
    assert queued() == [("Rien compris.", "actionable")]
    assert [i["id"] for i in listed(rest, site, status="spam")] == [second["id"]]
    assert triage(rest, site, id=first["id"], status="done").status_code == 200
    assert queued() == []


def test_redaction_erases_the_text(rest, site, own):
    feedback(rest, site, own["tri-dechets"].UID(), comment="Mon voisin M. Martin dépose ses sacs.")
    [item] = listed(rest, site)
    answer = triage(rest, site, id=item["id"], redact=True)
    assert answer.status_code == 200 and answer.json()["comment"] == MASKED and answer.json()["redacted"] is True
    assert "Martin" not in rest("responsable").get(f"{site}/@feedback").text
    assert "Martin" not in rest("valideur").get(f"{site}/@review-queue").text


def test_filters_by_department(rest, site, own):
    feedback(rest, site, own["tri-passeport"].UID(), comment="Passeport.")
    feedback(rest, site, own["tri-dechets"].UID(), comment="Déchets.")
    proprete = own["tri-proprete"].UID()
    assert [i["comment"] for i in listed(rest, site, department=proprete)] == ["Déchets."]
    entries = rest("valideur").get(f"{site}/@review-queue", params={"department": proprete}).json()["items"]
    assert {e["department"]["UID"] for e in entries} == {proprete} and [e["title"] for e in entries] == ["Déchets de tri"]
    bad = rest("valideur").get(f"{site}/@review-queue", params={"department": "nope"})
    assert bad.status_code == 400
    assert bad.json()["error"] == {"type": "BadRequest", "message": "« department » doit être l'UID d'un service (services)."}


@pytest.mark.parametrize(
    "params, message",
    [
        ({"status": "ouvert"}, "« status » doit valoir : new, actionable, spam, done."),
        ({"kind": "avis"}, "« kind » doit valoir : feedback, incorrect, no_answer."),
        ({"department": "nope"}, "« department » doit être l'UID d'un service (services)."),
        ({"status": ["new", "done"]}, "Donnez « status » une seule fois."),
    ],
)
def test_listing_bad_input(rest, site, params, message):
    response = rest("responsable").get(f"{site}/@feedback", params=params)
    assert response.status_code == 400 and response.json()["error"]["type"] == "BadRequest"
    assert response.json()["error"]["message"] == message


@pytest.mark.parametrize("user, status", [(None, 401), ("agent", 403), ("redacteur", 403)])
def test_triage_needs_the_permission(rest, site, own, user, status):
    feedback(rest, site, own["tri-passeport"].UID(), comment="Faux.")
    [item] = listed(rest, site)
    assert rest(user).get(f"{site}/@feedback").status_code == status
    response = triage(rest, site, user=user, id=item["id"], status="spam")
    assert response.status_code == status and set(response.json()["error"]) == {"type", "message"}
    assert listed(rest, site)[0]["status"] == "new"


@pytest.mark.parametrize(
    "body, status, message",
    [
        ({"id": "feedback-1", "status": "fini"}, 400, "« status » doit valoir : new, actionable, spam, done."),
        ({"id": "avis-12", "status": "done"}, 400, "« id » doit être l'identifiant d'un retour (feedback-… ou report-…)."),
        ({"id": 12, "status": "done"}, 400, "« id » doit être l'identifiant d'un retour (feedback-… ou report-…)."),
        ({"id": "feedback-1"}, 400, "Indiquez un « status », ou « redact » : true pour effacer le commentaire."),
        ({"id": "feedback-1", "redact": "oui"}, 400, "Indiquez un « status », ou « redact » : true pour effacer le commentaire."),
        ({"id": "feedback-1", "status": "done", "note": "x"}, 400, None),
        ({"id": "feedback-1", "status": "done"}, 404, "Aucun retour avec cet identifiant."),
        ({"id": "report-99999999999999999", "status": "done"}, 404, "Aucun retour avec cet identifiant."),
        ({"id": "feedback-9999999999999999999", "status": "done"}, 404, "Aucun retour avec cet identifiant."),
    ],
)
def test_triage_bad_input(rest, site, own, body, status, message):
    feedback(rest, site, own["tri-passeport"].UID(), comment="Faux.")
    response = triage(rest, site, **body)
    assert response.status_code == status and set(response.json()["error"]) == {"type", "message"}
    if message:
        assert response.json()["error"]["message"] == message
    assert [i["status"] for i in listed(rest, site)] == ["new"]
