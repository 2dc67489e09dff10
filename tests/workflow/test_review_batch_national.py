"""Bulk check-in of national updates: the Service-Public import (the CLI over real
HTTP) updates published sheets through working copies; "checkin_national" checks
in those that touch nothing the town edited and refuses the others, naming the field."""

import catalogue_factory as make
from guichet_kb.agent.cli import main as cli
import pathlib
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import shutil


FIXTURES = pathlib.Path(__file__).parents[1] / "importers" / "fixtures" / "dila"
TOUCHES_VALIDITY = (
    "Pas de check-in avec les mises à jour nationales : elle touche ce que la commune a modifié (Durée de validité). "
    "Comparez puis faites son check-in à part."
)


def import_folder(site, folder):
    assert cli(["--url", site, "--user", SITE_OWNER_NAME, "--password", SITE_OWNER_PASSWORD, "import-service-public", str(folder), "--json"]) == 0


@pytest.fixture
def published_import(site, rest, tmp_path, catalogue, capsys):
    """F9001 imported by the site owner, completed with a department and published by
    `valideur`: (source folder, sheet URL)."""
    department = catalogue(make.department("service-essai", "Service d'essai"))["service-essai"].UID()
    folder = tmp_path / "fiches"
    shutil.copytree(FIXTURES, folder)
    import_folder(site, folder)
    admin = rest("admin")
    url = admin.get(f"{site}/@search", params={"external_id": "F9001"}).json()["items"][0]["@id"]
    assert admin.patch(url, json={"department": department}).status_code == 204
    assert admin.post(f"{url}/@workflow/submit", json={}).status_code == 200
    assert rest("valideur").post(f"{url}/@workflow/publish", json={}).status_code == 200
    capsys.readouterr()
    return folder, url


def national_update(site, folder, capsys, *replacements):
    path = folder / "F9001.xml"
    text = path.read_text()
    for old, new in replacements:
        text = text.replace(old, new)
    path.write_text(text)
    import_folder(site, folder)
    capsys.readouterr()


def working_copy_uid(rest, site):
    items = rest("valideur").get(f"{site}/@review-queue", params={"reason": "working_copy"}).json()["items"]
    [entry] = [item for item in items if item["title"].startswith("Carte de bibliothèque")]
    return entry["UID"]


def test_a_pure_national_update_is_checked_in_by_batch(site, rest, published_import, capsys):
    folder, url = published_import
    national_update(site, folder, capsys, ("Immédiat.", "Trois jours."))
    uid = working_copy_uid(rest, site)
    response = rest("valideur").post(f"{site}/@review-batch", json={"action": "checkin_national", "items": [uid]})
    assert response.status_code == 200, response.text
    assert response.json()["results"] == [{"UID": uid, "ok": True, "state": "published", "message": "C'est fait."}]
    data = rest().get(url).json()
    assert data["processing_time"] == "Trois jours."
    assert rest("agent").get(url).json()["last_reviewer"] == "valideur"
    history = rest("admin").get(f"{url}/@history").json()
    assert any(entry.get("comments") == "Mise à jour nationale Service-Public.fr (fiche du 2020-05-04)" for entry in history)


def test_the_importer_cannot_check_its_own_update_in(site, rest, published_import, capsys):
    folder, _url = published_import
    national_update(site, folder, capsys, ("Immédiat.", "Trois jours."))
    uid = working_copy_uid(rest, site)
    data = rest("admin").post(f"{site}/@review-batch", json={"action": "checkin_national", "items": [uid]}).json()
    assert data["results"][0]["ok"] is False
    assert data["results"][0]["message"] == "Vous avez modifié cette copie de travail : un autre valideur doit faire le check-in."


def test_an_update_of_a_field_the_town_edited_is_refused(site, rest, published_import, capsys):
    folder, url = published_import
    assert rest("admin").patch(url, json={"validity": "Deux ans (règle locale)"}).status_code == 204
    national_update(site, folder, capsys, ("Immédiat.", "Trois jours."), ("1 an", "3 ans"))
    uid = working_copy_uid(rest, site)
    data = rest("valideur").post(f"{site}/@review-batch", json={"action": "checkin_national", "items": [uid]}).json()
    assert data["results"] == [{"UID": uid, "ok": False, "state": "pending", "message": TOUCHES_VALIDITY}]
    assert rest().get(url).json()["processing_time"] == "Immédiat."  # nothing checked in
    # The plain check-in (one reviewer's decision, with a change note) still works.
    body = {"action": "checkin", "items": [uid], "comment": "Vérifié avec la règle locale."}
    data = rest("valideur").post(f"{site}/@review-batch", json=body).json()
    assert data["done"] == 1, data
    published = rest().get(url).json()
    assert (published["processing_time"], published["validity"]) == ("Trois jours.", "Deux ans (règle locale)")


def test_a_working_copy_edited_locally_is_refused(site, rest, published_import, capsys):
    folder, _url = published_import
    national_update(site, folder, capsys, ("Immédiat.", "Trois jours."))
    uid = working_copy_uid(rest, site)
    copy_url = rest("admin").get(f"{site}/@search", params={"UID": uid}).json()["items"][0]["@id"]
    assert rest("admin").patch(copy_url, json={"call_script_answer": "Dire que la carte est gratuite."}).status_code == 204
    data = rest("valideur").post(f"{site}/@review-batch", json={"action": "checkin_national", "items": [uid]}).json()
    assert data["results"][0]["ok"] is False
    assert data["results"][0]["message"] == TOUCHES_VALIDITY.replace("Durée de validité", "Script d'appel : réponse type")


def test_a_working_copy_not_made_by_an_import_is_refused(site, rest, own_sheet):
    copy_url = rest("redacteur").post(f"{own_sheet.absolute_url()}/@workingcopy").json()["@id"]
    uid = rest("admin").get(copy_url).json()["UID"]
    checkin = {"action": "checkin", "items": [uid], "comment": "Relu."}
    draft = rest("valideur").post(f"{site}/@review-batch", json=checkin).json()["results"][0]
    assert (draft["ok"], draft["message"]) == (False, "Cette copie de travail n'a pas encore été soumise à relecture.")
    assert rest("redacteur").post(f"{copy_url}/@workflow/submit", json={}).status_code == 200
    editor = rest("redacteur").post(f"{site}/@review-batch", json=checkin).json()["results"][0]
    assert (editor["ok"], editor["message"]) == (False, "Vous ne pouvez pas faire le check-in de cette copie de travail.")
    data = rest("valideur").post(f"{site}/@review-batch", json={"action": "checkin_national", "items": [uid]}).json()
    assert data["results"][0]["message"] == (
        "Cette copie de travail ne vient pas d'un import Service-Public : faites son check-in avec « Check-in »."
    )


@pytest.fixture
def national_pair(own_sheet):
    """(original, working copy) where the original keeps the previous import's record and
    the copy the new one (hashes differ): the importer's two records side by side."""
    from guichet_kb.content.imported import IMPORT_KEY
    from persistent.mapping import PersistentMapping
    from plone import api
    from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
    from zope.annotation.interfaces import IAnnotations

    old = {"validity": "1 an", "processing_time": "Immédiat."}
    new = {"validity": "1 an", "processing_time": "Trois jours."}
    with api.env.adopt_roles(["Manager"]):
        own_sheet.validity, own_sheet.processing_time = old["validity"], old["processing_time"]
        IAnnotations(own_sheet)[IMPORT_KEY] = PersistentMapping({"hash": "h1", "modified": "2020-05-04", "values": old})
        copy = ICheckinCheckoutPolicy(own_sheet).checkout(own_sheet.aq_parent)
        copy.processing_time = new["processing_time"]
        IAnnotations(copy)[IMPORT_KEY] = PersistentMapping({"hash": "h2", "modified": "2021-01-10", "values": new})
    return own_sheet, copy


def test_previous_record_a_local_edit_of_a_field_the_nation_kept_does_not_count(national_pair):
    from guichet_kb.workflow.national_updates import touched_local_fields

    original, copy = national_pair
    assert touched_local_fields(copy, original) == []
    original.validity = copy.validity = "Deux ans (règle locale)"  # the town's, kept in the copy; national "1 an" unchanged
    assert touched_local_fields(copy, original) == []
    original.processing_time = "Sur rendez-vous (local)"  # the town's, on a field the nation changes
    assert touched_local_fields(copy, original) == ["processing_time"]


def test_the_previous_national_values_kept_on_the_copy_decide(national_pair):
    """As the importer leaves them (national/changes.py keep_previous): both records
    carry the new hash, the copy keeps the previous national values beside its own;
    a town edit of a field the nation did not change does not count."""
    from guichet_kb.content.imported import IMPORT_KEY
    from guichet_kb.national.changes import PREVIOUS
    from guichet_kb.workflow.national_updates import touched_local_fields
    from persistent.mapping import PersistentMapping
    from zope.annotation.interfaces import IAnnotations

    original, copy = national_pair
    old = dict(IAnnotations(original)[IMPORT_KEY])
    IAnnotations(original)[IMPORT_KEY]["hash"] = "h2"
    IAnnotations(copy)[IMPORT_KEY][PREVIOUS] = PersistentMapping({"modified": old["modified"], "values": dict(old["values"])})
    original.validity = copy.validity = "Deux ans (règle locale)"
    assert touched_local_fields(copy, original) == []
    original.processing_time = "Sur rendez-vous (local)"
    assert touched_local_fields(copy, original) == ["processing_time"]
