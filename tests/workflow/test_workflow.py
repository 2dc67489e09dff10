"""Editorial workflow over real HTTP, role by role: four eyes, comments, completeness."""

import pytest
import transaction
from workflow_helpers import PATH
from workflow_helpers import state
from workflow_helpers import transition


def error_message(response):
    assert response.status_code == 400, response.text
    return response.json()["error"]["message"]


class TestHappyPath:
    def test_redacteur_submits_valideur_publishes(self, rest, new_sheet):
        url = new_sheet()
        assert state(rest, url) == "draft"
        assert transition(rest, "redacteur", url, "submit").status_code == 200
        assert state(rest, url) == "pending"
        response = transition(rest, "valideur", url, "publish")
        assert response.status_code == 200, response.text
        data = rest().get(url).json()
        assert data["review_state"] == "published"
        assert data["last_reviewed"]  # "vérifié le", public
        assert "last_reviewer" not in data  # staff only
        assert rest("agent").get(url).json()["last_reviewer"] == "valideur"

    def test_reject_needs_a_comment(self, rest, new_sheet):
        url = new_sheet()
        transition(rest, "redacteur", url, "submit")
        message = error_message(transition(rest, "valideur", url, "reject"))
        assert "commentaire est obligatoire" in message
        assert state(rest, url) == "pending"
        assert transition(rest, "valideur", url, "reject", "Préciser le coût.").status_code == 200
        assert state(rest, url) == "draft"


# (transition, user, from_state) -> allowed?
MATRIX = [
    ("submit", "redacteur", "draft", True),
    ("submit", "valideur", "draft", False),
    ("submit", "agent", "draft", False),
    ("publish", "valideur", "pending", True),
    ("publish", "redacteur", "pending", False),
    ("publish", "agent", "pending", False),
    ("reject", "redacteur", "pending", False),
    ("retract", "valideur", "published", True),
    ("retract", "redacteur", "published", False),
    ("archive", "valideur", "published", True),
    ("archive", "redacteur", "published", False),
    ("archive", "agent", "published", False),
    ("confirm_review", "valideur", "published", True),
    ("confirm_review", "redacteur", "published", False),
    ("restore", "valideur", "archived", True),
    ("restore", "redacteur", "archived", False),
]


@pytest.mark.parametrize("name, user, from_state, allowed", MATRIX)
def test_transition_matrix(rest, new_sheet, name, user, from_state, allowed):
    url = new_sheet()
    for actor, step in PATH[from_state]:
        assert transition(rest, actor, url, step).status_code == 200
    response = transition(rest, user, url, name, "Commentaire")
    if allowed:
        assert response.status_code == 200, response.text
        assert state(rest, url) != from_state or name == "confirm_review"
    else:
        assert 400 <= response.status_code < 500, response.text
        assert state(rest, url) == from_state


def test_unknown_transition_is_a_400(rest, new_sheet):
    url = new_sheet()
    response = transition(rest, "redacteur", url, "teleport")
    assert "« teleport » n'est pas possible depuis l'état « draft ». Possibles : submit." in error_message(response)
    assert state(rest, url) == "draft"


@pytest.mark.parametrize("user, name, from_state", [("redacteur", "publish", "pending"), ("redacteur", "archive", "published")])
def test_transition_the_caller_may_not_do_is_a_400_in_french(rest, new_sheet, user, name, from_state):
    url = new_sheet()
    for actor, step in PATH[from_state]:
        transition(rest, actor, url, step)
    message = error_message(transition(rest, user, url, name, "Commentaire"))
    assert message == f"Vous ne pouvez pas faire « {name} » sur cet élément dans l'état « {from_state} »."
    assert state(rest, url) == from_state


def test_other_workflow_errors_keep_their_mapping(integration):
    import catalogue_factory as make
    from guichet_kb.api.workflow.post import WorkflowTransition
    from Products.CMFCore.WorkflowCore import WorkflowException
    from Products.Five import BrowserView

    portal, request = integration["portal"], integration["request"]
    sheet = make.publish(portal, *make.standalone_sheet("fiche-essai", "Fiche d'essai"))["fiche-essai"]
    service = type("Service", (WorkflowTransition, BrowserView), {})(sheet, request)  # as plone.rest builds it
    service.transition = "teleport"
    with pytest.raises(WorkflowException) as raised:
        service.recurse_transition([service.context], "", {})
    assert str(raised.value) == "No workflow provides the 'teleport' action."


class TestFourEyes:
    def test_reviewer_who_changed_it_cannot_publish(self, rest, new_sheet):
        url = new_sheet()
        transition(rest, "redacteur", url, "submit")
        assert rest("valideur").patch(url, json={"cost_note": "Gratuit."}).status_code == 204
        message = error_message(transition(rest, "valideur", url, "publish"))
        assert "un autre valideur" in message
        assert state(rest, url) == "pending"

    def test_admin_override_needs_and_records_a_comment(self, rest, site, functional):
        admin = rest("admin")
        response = admin.post(
            f"{site}/pieces",
            json={"@type": "RequiredDocument", "id": "piece-admin", "title": "Pièce", "description": "Une pièce.", "accepted_forms": "Papier."},
        )
        url = response.json()["@id"]
        transition(rest, "admin", url, "submit")
        assert "commentaire" in error_message(transition(rest, "admin", url, "publish"))
        assert transition(rest, "admin", url, "publish", "Urgence : personne d'autre aujourd'hui.").status_code == 200
        from guichet_kb.workflow.review import overrides

        transaction.begin()
        obj = functional["portal"]["pieces"]["piece-admin"]
        assert overrides(obj)[0]["comment"] == "Urgence : personne d'autre aujourd'hui."
        assert overrides(obj)[0]["transition"] == "publish"


def test_incomplete_item_cannot_be_published(rest, new_sheet):
    url = new_sheet(complete=False, sheet_id="incomplete")
    transition(rest, "redacteur", url, "submit")
    message = error_message(transition(rest, "valideur", url, "publish"))
    assert message == (
        "Publication impossible : il manque un résumé, le public concerné et les conditions, au moins un canal, "
        "les pièces justificatives (ou « Aucune pièce nécessaire »), l'organisme compétent, le service instructeur "
        "et au moins un guichet ou un service en ligne."
    )
    assert state(rest, url) == "pending"


class TestAnonymousNeverReadsUnpublished:
    @pytest.mark.parametrize("from_state", ["draft", "pending", "archived"])
    def test_not_served(self, rest, site, new_sheet, from_state):
        url = new_sheet()
        for actor, step in PATH[from_state]:
            transition(rest, actor, url, step)
        assert rest().get(url).status_code in (401, 404)
        assert rest("agent").get(url).status_code in (401, 403, 404)
        found = rest().get(f"{site}/@search", params={"SearchableText": "essai"}).json()
        assert url not in [item["@id"] for item in found["items"]]

    def test_expired_item_not_served_even_by_url(self, rest, site, new_sheet):
        url = new_sheet()
        for actor, step in PATH["published"]:
            transition(rest, actor, url, step)
        assert rest().get(url).status_code == 200
        response = rest("admin").patch(url, json={"effective": "2020-01-01T00:00:00+00:00", "expires": "2021-01-01T00:00:00+00:00"})
        assert response.status_code == 204, response.text[:500]
        assert rest().get(url).status_code == 404
        assert rest().get(url, headers={"Accept": "text/html"}).status_code == 404
        found = rest().get(f"{site}/@search", params={"portal_type": "ServiceSheet", "b_size": 200}).json()
        assert url not in [item["@id"] for item in found["items"]]
        assert rest("valideur").get(url).status_code == 200

    def test_not_yet_effective_item_not_served(self, rest, new_sheet):
        url = new_sheet()
        for actor, step in PATH["published"]:
            transition(rest, actor, url, step)
        assert rest("admin").patch(url, json={"effective": "2099-01-01T00:00:00+00:00"}).status_code == 204
        assert rest().get(url).status_code == 404


class TestReviewQueue:
    def test_roles(self, rest, site):
        assert rest().get(f"{site}/@review-queue").status_code == 401
        assert rest("agent").get(f"{site}/@review-queue").status_code in (401, 403)
        assert rest("redacteur").get(f"{site}/@review-queue").status_code in (401, 403)
        assert rest("valideur").get(f"{site}/@review-queue").status_code == 200

    def test_pending_item_listed_with_reason_and_owner(self, rest, site, new_sheet):
        url = new_sheet()
        transition(rest, "redacteur", url, "submit")
        items = rest("valideur").get(f"{site}/@review-queue").json()["items"]
        entry = next(item for item in items if item["@id"] == url)
        assert entry["reason"] == "pending" and entry["owner"] == "redacteur" and entry["age_days"] == 0

    def test_unknown_reason_is_a_400(self, rest, site):
        response = rest("valideur").get(f"{site}/@review-queue", params={"reason": "whatever"})
        assert response.status_code == 400
        assert "whatever" in response.json()["error"]["message"]

    def test_dashboard(self, rest, site, new_sheet):
        url = new_sheet()
        transition(rest, "redacteur", url, "submit")
        html = rest("valideur").get(f"{site}/@@review-queue", headers={"Accept": "text/html"}).text
        assert "Démarche d'essai" in html and "Soumis pour validation" in html
        assert f"{url}/@@guichet-transition?workflow_action=publish" in html
