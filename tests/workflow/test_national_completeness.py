"""National completeness (workflow/completeness.py): an item imported from
Service-Public.fr meets "who is concerned", "required documents" and an answer's
related service with its national text, as long as that text is still there; the
local rules stay. The same declaration drives the REST refusal and the report."""

import catalogue_factory as make
import pathlib
import pytest
import re


FIXTURES = pathlib.Path(__file__).parents[1] / "importers" / "fixtures" / "dila"
CHAPTERS = re.compile(r"<Chapitre><Titre>Qui est concerné.*?</Chapitre>|<Chapitre type=\"pieces\">.*?</Chapitre>", re.S)


@pytest.fixture
def imported(catalogue, site, rest):
    """F9001 without its "qui est concerné" and "pièces" chapters, and the answer F9002
    alone (its sheet not imported), imported by admin with a profile of the test's own."""
    items = catalogue(make.desk("guichet-essai", "Guichet d'essai"), make.department("service-essai", "Service d'essai"))
    admin = rest("admin")
    profile = {"department": items["service-essai"].UID(), "desks_by_pivot": {"mairie": [items["guichet-essai"].UID()]}}
    assert admin.patch(f"{site}/@import-profile", json=profile).status_code == 200
    sheet = CHAPTERS.sub("", (FIXTURES / "F9001.xml").read_text()).replace('LienPublication="F9002"', 'LienPublication="F9999"')
    answer = (FIXTURES / "F9002.json").read_text().replace('"F9001"', '"F9998"')
    for name, content in (("F9001.xml", sheet), ("F9002.json", answer)):
        created = admin.post(f"{site}/@import-service-public", json={"fiches": [{"name": name, "content": content}]}).json()["created"]
        assert len(created) == 1
    found = {}
    for external_id in ("F9001", "F9002"):
        found[external_id] = admin.get(f"{site}/@search", params={"external_id": external_id, "fullobjects": 1}).json()["items"][0]
    return found


def publish(rest, url):
    assert rest("redacteur").post(f"{url}/@workflow/submit", json={}).status_code == 200
    return rest("valideur").post(f"{url}/@workflow/publish", json={})


def test_the_national_text_covers_who_and_documents(site, rest, imported):
    sheet = imported["F9001"]
    assert not sheet["eligibility"] and sheet["required_documents"] == [] and not sheet["no_document_needed"]
    assert sheet["steps"]["data"]  # the national text
    assert publish(rest, sheet["@id"]).status_code == 200


def test_completeness_lost_when_an_editor_deletes_the_national_text(site, rest, imported):
    url = imported["F9001"]["@id"]
    assert rest("redacteur").patch(url, json={"steps": None, "documents_note": None, "eligibility": None}).status_code == 204
    response = publish(rest, url)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "Publication impossible : il manque le public concerné et les conditions et les pièces justificatives (ou « Aucune pièce nécessaire »)."
    )
    report = rest("valideur").get(f"{site}/@@completeness-report", headers={"Accept": "text/html"}).text
    assert "le public concerné et les conditions et les pièces justificatives" in report


def test_an_answer_without_imported_sheets_stands_on_its_national_text(site, rest, imported):
    answer = imported["F9002"]
    assert answer["related_sheets"] == []
    assert publish(rest, answer["@id"]).status_code == 200


def test_an_answer_without_its_national_text_needs_a_related_service(site, rest, imported):
    url = imported["F9002"]["@id"]
    assert rest("redacteur").patch(url, json={"full_answer": None}).status_code == 204
    response = publish(rest, url)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Publication impossible : il manque au moins une démarche liée."


def test_local_rules_still_apply(site, rest, imported):
    url = imported["F9001"]["@id"]
    assert rest("redacteur").patch(url, json={"department": None}).status_code == 204
    response = publish(rest, url)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Publication impossible : il manque le service instructeur."
