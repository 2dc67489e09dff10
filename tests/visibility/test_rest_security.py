"""Staff-only fields and drafts never reach anonymous users, role by role, over real HTTP."""

import catalogue_factory as make
from plone import api
import pytest
import transaction


STAFF_FIELDS = ("call_script_questions", "call_script_answer", "internal_notes", "backoffice_contact")


@pytest.fixture
def sheet(catalogue):
    """A published sheet of the test's own, every staff-only field filled."""
    staff = {
        "call_script_questions": "Pour vous ou pour un enfant ?",
        "call_script_answer": "Venez sur rendez-vous.",
        "internal_notes": "Vérifier l'agenda.",
        "backoffice_contact": "poste 1234",
    }
    return catalogue(*make.standalone_sheet("fiche-essai", "Fiche d'essai", **staff))["fiche-essai"]


@pytest.fixture
def sheet_url(sheet):
    return sheet.absolute_url()


@pytest.fixture
def member(functional):
    """A plain site member, with no staff role."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(username="citoyen", email="c@example.org", password="secret-demo")
    transaction.commit()
    return "citoyen"


def test_anonymous_gets_published_sheet_without_staff_fields(rest, sheet_url):
    response = rest().get(sheet_url)
    assert response.status_code == 200
    data = response.json()
    assert data["@type"] == "ServiceSheet"
    assert data["title"]
    for field in STAFF_FIELDS:
        assert field not in data


def test_member_does_not_see_staff_fields(rest, sheet_url, member):
    data = rest(member).get(sheet_url).json()
    assert data["title"]
    for field in STAFF_FIELDS:
        assert field not in data


@pytest.mark.parametrize("user", ["agent", "redacteur", "valideur", "admin"])
def test_staff_see_staff_fields(rest, sheet_url, user):
    data = rest(user).get(sheet_url).json()
    assert data["call_script_questions"]
    assert data["call_script_answer"]
    for field in STAFF_FIELDS:
        assert field in data


def test_staff_fields_hidden_in_search_fullobjects(rest, site):
    response = rest().get(f"{site}/@search", params={"portal_type": "ServiceSheet", "fullobjects": 1, "b_size": 100})
    items = response.json()["items"]
    assert len(items) >= 30
    for item in items:
        for field in STAFF_FIELDS:
            assert field not in item


def test_answer_and_department_internal_notes_hidden(rest, site):
    anonymous, agent = rest(), rest("agent")
    for path in ("questions", "services"):
        listing = anonymous.get(f"{site}/{path}").json()["items"]
        url = listing[0]["@id"]
        assert "internal_notes" not in anonymous.get(url).json()
        assert "internal_notes" in agent.get(url).json()


def test_draft_sheet_is_not_served_to_anonymous(rest, site, functional):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        draft = api.content.create(container=portal["demarches"], type="ServiceSheet", id="brouillon", title="Brouillon")
    transaction.commit()
    assert api.content.get_state(draft) == "draft"
    assert rest().get(f"{site}/demarches/brouillon").status_code == 401
    found = rest().get(f"{site}/@search", params={"SearchableText": "Brouillon"}).json()
    assert found["items_total"] == 0
    listing = rest().get(f"{site}/demarches", params={"b_size": 200}).json()["items"]
    assert "brouillon" not in [item["@id"].rsplit("/", 1)[-1] for item in listing]


def test_staff_only_text_is_not_searchable_by_anonymous(rest, site, sheet):
    sheet.call_script_answer = "motsecretinterne"
    sheet.internal_notes = "notesecreteinterne"
    sheet.reindexObject()
    transaction.commit()
    for word in ("motsecretinterne", "notesecreteinterne"):
        found = rest().get(f"{site}/@search", params={"SearchableText": word}).json()
        assert found["items_total"] == 0


@pytest.mark.parametrize(
    "path",
    ["@catalogue-export?format=json", "@interactions?format=json", "@@guichet-settings"],
)
def test_site_administrators_manage_the_catalogue(rest, site, site_administrator, path):
    assert rest(site_administrator).get(f"{site}/{path}").status_code == 200
    assert rest("agent").get(f"{site}/{path}").status_code in (401, 403)
