"""POST @review-batch over real HTTP: many items, each decided by the one-by-one
rules (four eyes with the import record's "by", the administrator override per
item, completeness), a result per item, bad input."""

from batch_helpers import pending_sheets
from guichet_kb.workflow import review
from plone import api
from plone.app.testing import SITE_OWNER_NAME
import pytest
import transaction


FOUR_EYES = "Vous avez rédigé ou soumis cette version : un autre valideur doit l'approuver."
FOUR_EYES_ADMIN = (
    "Vous avez rédigé ou soumis cette version : un autre valideur doit l'approuver, "
    "ou indiquez un commentaire pour passer outre en tant qu'administrateur."
)
UNKNOWN = "Aucun élément du catalogue avec cet UID."
INCOMPLETE = (
    "Publication impossible : il manque le public concerné et les conditions, l'organisme compétent,"
    " le service instructeur et au moins un guichet ou un service en ligne."
)
NOT_WORKING_COPY = "Cet élément n'est pas une copie de travail : il n'y a rien à intégrer."
CHANGED = "Modifié par quelqu'un d'autre depuis le chargement de la file : rechargez la file et vérifiez-le à nouveau."


def post(rest, user, action, items, comment=None):
    body = {"action": action, "items": items}
    if comment is not None:
        body["comment"] = comment
    return rest(user).post(f"{api.portal.get().absolute_url()}/@review-batch", json=body)


def history_actions(sheet):
    return [(entry["action"], entry["actor"]) for entry in sheet.workflow_history["guichet_review_workflow"]]


@pytest.fixture
def portal(functional):
    return functional["portal"]


def test_reviewer_publishes_a_batch_imported_by_someone_else(rest, portal):
    sheets = pending_sheets(portal, 4, by="importeur")
    response = post(rest, "valideur", "publish", [s.UID() for s in sheets])
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["done"] == 4 and data["refused"] == 0
    assert data["results"] == [{"UID": s.UID(), "ok": True, "state": "published", "message": "C'est fait."} for s in sheets]
    transaction.begin()
    for sheet in sheets:
        assert api.content.get_state(sheet) == "published"
        assert history_actions(sheet)[-1] == ("publish", "valideur")
        assert sheet.last_reviewer == "valideur"


def test_the_importer_cannot_publish_its_own_batch(rest, portal):
    sheets = pending_sheets(portal, 3, by="valideur")
    data = post(rest, "valideur", "publish", [s.UID() for s in sheets]).json()
    assert data["done"] == 0 and data["refused"] == 3
    assert [(r["ok"], r["state"], r["message"]) for r in data["results"]] == [(False, "pending", FOUR_EYES)] * 3
    transaction.begin()
    assert {api.content.get_state(s) for s in sheets} == {"pending"}


def test_administrator_override_needs_a_comment_and_is_recorded_per_item(rest, portal):
    sheets = pending_sheets(portal, 3, by=SITE_OWNER_NAME)
    uids = [s.UID() for s in sheets]
    refused = post(rest, "admin", "publish", uids).json()
    assert [r["message"] for r in refused["results"]] == [FOUR_EYES_ADMIN] * 3
    data = post(rest, "admin", "publish", uids, comment="Lot national relu par la DGS.").json()
    assert data["done"] == 3, data
    transaction.begin()
    for sheet in sheets:
        assert api.content.get_state(sheet) == "published"
        [override] = review.overrides(sheet)
        assert (override["actor"], override["transition"], override["comment"]) == (SITE_OWNER_NAME, "publish", "Lot national relu par la DGS.")
        assert sheet.workflow_history["guichet_review_workflow"][-1]["comments"] == "Lot national relu par la DGS."


def test_mixed_batch_each_item_its_own_result(rest, portal):
    good = pending_sheets(portal, 2, by="importeur")
    [incomplete] = pending_sheets(portal, 1, by="importeur", complete=False, prefix="incomplet")
    [published, changed] = pending_sheets(portal, 2, by="importeur", prefix="autre")
    with api.env.adopt_user(username="valideur"):
        api.content.transition(published, transition="publish")
    transaction.commit()
    seen = rest("valideur").get(f"{portal.absolute_url()}/@review-queue", params={"reason": "pending"}).json()["items"]
    modified = {entry["UID"]: entry["modified"] for entry in seen}
    assert rest("admin").patch(changed.absolute_url(), json={"title": "Démarche changée entre-temps"}).status_code == 204
    items = [
        good[0].UID(),
        {"UID": incomplete.UID(), "modified": modified[incomplete.UID()]},
        published.UID(),
        "0123456789abcdef0123456789abcdef",
        {"UID": changed.UID(), "modified": modified[changed.UID()]},
        {"UID": good[1].UID(), "modified": modified[good[1].UID()]},
    ]
    data = post(rest, "valideur", "publish", items).json()
    assert [(r["ok"], r["state"], r["message"]) for r in data["results"]] == [
        (True, "published", "C'est fait."),
        (False, "pending", INCOMPLETE),
        (False, "published", "« publish » n'est pas possible depuis l'état « published ». Possibles : retract, archive, confirm_review."),
        (False, None, UNKNOWN),
        (False, "pending", CHANGED),
        (True, "published", "C'est fait."),
    ]
    assert (data["done"], data["refused"]) == (2, 4)
    transaction.begin()
    assert api.content.get_state(incomplete) == "pending" and api.content.get_state(changed) == "pending"


def test_reject_without_comment_is_a_400_and_nothing_done(rest, portal):
    sheets = pending_sheets(portal, 2, by="importeur")
    response = post(rest, "valideur", "reject", [s.UID() for s in sheets])
    assert response.status_code == 400
    assert response.json()["error"] == {"type": "BadRequest", "message": "Un commentaire est obligatoire pour renvoyer un contenu à son auteur."}
    data = post(rest, "valideur", "reject", [s.UID() for s in sheets], comment="Préciser les délais locaux.").json()
    assert data["done"] == 2
    transaction.begin()
    assert {api.content.get_state(s) for s in sheets} == {"draft"}
    assert sheets[0].workflow_history["guichet_review_workflow"][-1]["comments"] == "Préciser les délais locaux."


def test_confirm_review_applies_to_published_items_only(rest, portal, own_sheet):
    [pending] = pending_sheets(portal, 1, by="importeur")
    data = post(rest, "valideur", "confirm_review", [own_sheet.UID(), pending.UID()]).json()
    assert [(r["ok"], r["state"]) for r in data["results"]] == [(True, "published"), (False, "pending")]
    assert data["results"][1]["message"] == "« confirm_review » n'est pas possible depuis l'état « pending ». Possibles : publish, reject."


def test_checkin_of_something_not_a_working_copy_is_refused(rest, portal, own_sheet):
    data = post(rest, "valideur", "checkin", [own_sheet.UID()], comment="Vérifié.").json()
    assert data["results"] == [{"UID": own_sheet.UID(), "ok": False, "state": "published", "message": NOT_WORKING_COPY}]


def test_who_may_not_see_an_item_gets_the_unknown_refusal(rest, portal):
    [hidden] = pending_sheets(portal, 1, by="importeur")
    unknown = "0123456789abcdef0123456789abcdef"
    data = post(rest, "agent", "publish", [hidden.UID(), unknown]).json()
    assert [{k: v for k, v in r.items() if k != "UID"} for r in data["results"]] == [{"ok": False, "state": None, "message": UNKNOWN}] * 2


def test_an_editor_is_refused_per_item_not_with_an_error(rest, portal):
    [sheet] = pending_sheets(portal, 1, by="importeur")
    data = post(rest, "redacteur", "publish", [sheet.UID()]).json()
    assert data["results"][0]["ok"] is False
    assert data["results"][0]["message"] == "Vous ne pouvez pas faire « publish » sur cet élément dans l'état « pending »."


@pytest.mark.parametrize(
    "body, message",
    [
        ([], "Le corps de la requête doit être un objet JSON."),
        ({"action": "delete", "items": ["x"]}, "Action inconnue « delete ». Possibles : publish, reject, confirm_review, checkin, checkin_national."),
        ({"action": "publish", "items": "x"}, "« items » doit être une liste non vide d'UID (au plus 500)."),
        ({"action": "publish", "items": []}, "« items » doit être une liste non vide d'UID (au plus 500)."),
        ({"action": "publish", "items": ["x"] * 501}, "Trop d'éléments (501) : au plus 500 par requête."),
        ({"action": "publish", "items": ["x", 3]}, 'Élément 2 : attendu un UID ou {"UID": ..., "modified": ...}.'),
        ({"action": "publish", "items": [{"UID": "x", "modified": "hier"}]}, "Élément 1 : « modified » doit être une date et une heure ISO 8601."),
        ({"action": "publish", "items": ["x"], "comment": 3}, "« comment » doit être un texte."),
        ({"action": "checkin", "items": ["x"]}, "Une note de modification est obligatoire pour le check-in."),
        ({"action": "publish", "items": ["x"], "force": True}, "Attendu : un objet JSON avec uniquement ces champs : action, items, comment."),
    ],
)
def test_bad_input(rest, site, body, message):
    response = rest("valideur").post(f"{site}/@review-batch", json=body)
    assert response.status_code == 400
    assert response.json()["error"] == {"type": "BadRequest", "message": message}


def test_anonymous_is_401(rest, site):
    response = rest().post(f"{site}/@review-batch", json={"action": "publish", "items": ["x"]})
    assert response.status_code == 401


def test_one_message_per_recipient_for_the_whole_batch(rest, portal, inbox):
    sheets = pending_sheets(portal, 3, by="importeur", prefix="courriel")
    inbox.messages.clear()  # "to review" mails of the submissions, sent at the commit
    assert post(rest, "valideur", "publish", [s.UID() for s in sheets]).json()["done"] == 3
    messages = inbox.wait(1)
    assert [m["subject"] for m in messages] == ["[Guichet] 3 notifications de relecture"]
    assert len(inbox.wait(2, timeout=1)) == 1
    expected = "\n\n".join(f"[Guichet] Publié : {s.Title()}\n« {s.Title()} » a été publié par valideur.\n{s.absolute_url()}" for s in sheets)
    assert messages[0]["to"] == ["redacteur@ville-exemple.invalid"]
    assert messages[0]["body"].replace("\r\n", "\n").strip() == expected


def test_a_cookie_session_sends_the_token(rest, portal, site):
    from guichet_kb.testing import DEMO_PASSWORD
    import re
    import requests

    [sheet] = pending_sheets(portal, 1, by="importeur", prefix="cookie")
    session = requests.Session()
    session.headers.update({"Accept": "application/json", "Accept-Language": "fr"})
    login = {"__ac_name": "valideur", "__ac_password": DEMO_PASSWORD, "came_from": site, "buttons.login": "Se connecter", "form.submitted": "1"}
    assert session.post(f"{site}/login", headers={"Accept": "text/html"}, data=login).status_code == 200
    body = {"action": "publish", "items": [sheet.UID()]}
    response = session.post(f"{site}/@review-batch", json=body)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Rechargez la page : son jeton de sécurité manque ou a expiré."
    page = session.get(f"{site}/@@review-queue", headers={"Accept": "text/html"}).text
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    response = session.post(f"{site}/@review-batch", json=body, headers={"X-CSRF-TOKEN": token})
    assert response.status_code == 200 and response.json()["done"] == 1
