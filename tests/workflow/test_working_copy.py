"""Working copies over real HTTP: the public sees the published version until a
different reviewer checks the copy in, with a change note."""

import catalogue_factory as make
import pytest


@pytest.fixture
def sheet_url(catalogue):
    """A published sheet of the test's own, with a cost note."""
    items = catalogue(*make.standalone_sheet("tarif-essai", "Démarche payante", cost_note="Tarif d'essai."))
    return items["tarif-essai"].absolute_url()


@pytest.fixture
def working_copy(rest, sheet_url):
    response = rest("redacteur").post(f"{sheet_url}/@workingcopy")
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    assert rest("redacteur").patch(url, json={"cost_note": "Nouveau tarif 2027."}).status_code == 204
    return url


def test_public_sees_published_until_checkin(rest, sheet_url, working_copy):
    assert rest().get(sheet_url).json()["cost_note"] != "Nouveau tarif 2027."
    assert rest().get(working_copy).status_code in (401, 404)
    response = rest("valideur").patch(f"{working_copy}/@workingcopy", json={"message": "Tarif 2027 vérifié."})
    assert response.status_code == 204, response.text
    data = rest().get(sheet_url).json()
    assert data["cost_note"] == "Nouveau tarif 2027."
    assert data["review_state"] == "published"
    assert rest("agent").get(sheet_url).json()["last_reviewer"] == "valideur"


def test_checkin_needs_a_change_note(rest, sheet_url, working_copy):
    response = rest("valideur").patch(f"{working_copy}/@workingcopy", json={})
    assert response.status_code == 400
    assert response.json()["error"] == {"type": "BadRequest", "message": "Une note de modification est obligatoire pour le check-in."}
    assert rest().get(sheet_url).json()["cost_note"] != "Nouveau tarif 2027."


def test_editor_cannot_check_in(rest, sheet_url, working_copy):
    response = rest("redacteur").patch(f"{working_copy}/@workingcopy", json={"message": "Moi."})
    assert response.status_code in (401, 403)
    assert rest().get(sheet_url).json()["cost_note"] != "Nouveau tarif 2027."


def test_reviewer_cannot_check_in_own_changes(rest, functional, sheet_url):
    from plone import api
    import transaction

    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="valideur", obj=functional["portal"]["demarches"], roles=["Editor", "Contributor"])
    transaction.commit()
    url = rest("valideur").post(f"{sheet_url}/@workingcopy").json()["@id"]
    assert rest("valideur").patch(url, json={"cost_note": "Par moi."}).status_code == 204
    response = rest("valideur").patch(f"{url}/@workingcopy", json={"message": "Je valide mon travail."})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Vous avez modifié cette copie de travail : un autre valideur doit faire le check-in."
    response = rest("valideur").patch(f"{url}/@workingcopy", json={})
    assert response.json()["error"]["message"] == (
        "Une note de modification est obligatoire pour le check-in. "
        "Vous avez modifié cette copie de travail : un autre valideur doit faire le check-in."
    )


def test_submitted_working_copy_in_queue_and_not_publishable(rest, site, working_copy):
    assert rest("redacteur").post(f"{working_copy}/@workflow/submit", json={}).status_code == 200
    items = rest("valideur").get(f"{site}/@review-queue").json()["items"]
    assert {"working_copy"} == {item["reason"] for item in items if item["@id"] == working_copy}
    response = rest("valideur").post(f"{working_copy}/@workflow/publish", json={})
    assert response.status_code == 400
    assert "check-in" in response.json()["error"]["message"]
