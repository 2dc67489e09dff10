"""Imported ids follow the REST rules; CSV cells a spreadsheet would run are neutralised and restored exactly."""

from catalogue_factory import OWN_SHEET
from guichet_kb import ratelimit
from guichet_kb.importers.cells import neutralise
from guichet_kb.importers.cells import restore
from hygiene_helpers import stored
import pytest
import transaction


@pytest.mark.parametrize("new_id", ["index_html", "portal_catalog", "a/b", "view", "a b", "@@x", "_x"])
def test_rest_post_refuses_reserved_ids(rest, site, new_id):
    admin = rest("admin")
    body = {"@type": "ServiceSheet", "id": new_id, "title": "Essai"}
    response = admin.post(f"{site}/demarches", json=body)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["message"].startswith("id : ")
    assert new_id not in [item["@id"].rsplit("/", 1)[-1] for item in admin.get(f"{site}/demarches?b_size=500").json()["items"]]


def _row(new_id):
    return {"id": new_id, "title": f"Essai {new_id}", "channels": ["online"]}


def test_catalogue_import_refuses_reserved_ids(rest, site):
    admin = rest("admin")
    rows = [_row("index_html"), _row("portal_catalog"), _row("a/b"), _row("essai-correct")]
    report = admin.post(f"{site}/@catalogue-import", json={"items": rows}).json()
    assert report["created"] == ["essai-correct"]
    assert report["errors"] == [
        {"id": "index_html", "message": "L'identifiant « index_html » est réservé par Zope ou Plone : choisissez-en un autre."},
        {"id": "portal_catalog", "message": "L'identifiant « portal_catalog » est réservé par Zope ou Plone : choisissez-en un autre."},
        {
            "id": "a/b",
            "message": "Identifiant « a/b » non valable : 100 lettres, chiffres, points, tirets ou soulignés au plus, "
            "en commençant par une lettre ou un chiffre.",
        },
    ]
    ids = [item["@id"].rsplit("/", 1)[-1] for item in admin.get(f"{site}/demarches?b_size=500").json()["items"]]
    assert "index_html" not in ids and "portal_catalog" not in ids
    # /demarches still shows its own page to anonymous visitors
    assert rest().get(f"{site}/demarches").status_code == 200


def test_catalogue_import_row_with_bad_text_is_whole_or_nothing(rest, site, own_sheet):
    admin, url = rest("admin"), own_sheet.absolute_url()
    before = stored(admin, url)
    row = next(item for item in admin.get(f"{site}/@catalogue-export").json()["items"] if item["id"] == OWN_SHEET)
    row = {**row, "title": "Nouveau titre", "keywords": ["ok", "bad\x00"]}
    report = admin.post(f"{site}/@catalogue-import", json={"items": [row]}).json()
    assert report["errors"] == [{"id": OWN_SHEET, "message": "keywords : le caractère U+0000 n'est pas admis ici."}]
    assert stored(admin, url) == before


def test_service_public_import_avoids_reserved_ids(functional):
    from guichet_kb.importers.service_public import Importer
    from plone import api
    from plone.app.testing import login
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import TEST_USER_NAME

    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    fiche = {
        "root": "Publication",
        "external_id": "F99999",
        "type": "Fiche d'information",
        "title": "View",
        "description": "Essai",
        "modified": "2020-11-01",
        "source_url": "",
        "audiences": ["particuliers"],
        "life_events": [],
        "eligibility": "",
        "steps": "<p>Étape</p>",
        "documents": "",
        "document_titles": [],
        "cost": "",
        "processing_time": "",
        "validity": "",
        "online_services": [],
        "legal_references": [],
        "answers": [],
        "links": [],
        "pivots": [],
        "free": True,
        "hash": "h",
    }
    report = Importer(portal).run([("F99999.json", fiche)])
    assert report["skipped"] == []
    [entry] = report["created"]
    assert entry["url"].endswith("/demarches/view-f99999")
    assert api.content.get(path="/demarches/view-f99999").title == "View"
    transaction.abort()


CELLS = ['=HYPERLINK("http://x","clic")', "+33 1", "-5", "@SUM(A1)", "\tx", "\rx", "'=déjà", "''+x", "'texte", "normal", "", "a=b"]


def test_cells_rule_is_reversible():
    assert [neutralise(c) for c in CELLS] == [
        '\'=HYPERLINK("http://x","clic")',
        "'+33 1",
        "'-5",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "''=déjà",
        "'''+x",
        "'texte",
        "normal",
        "",
        "a=b",
    ]
    assert [restore(neutralise(c)) for c in CELLS] == CELLS


def test_csv_export_neutralises_formulas_and_round_trips(rest, site, own_sheet):
    admin = rest("admin")
    url = own_sheet.absolute_url()
    body = {"title": '=HYPERLINK("http://evil","clic")', "keywords": ["-moins", "@arobase"], "cost_note": "+5 € en timbre"}
    assert admin.patch(url, json=body).status_code == 204
    first = admin.get(f"{site}/@catalogue-export", params={"format": "csv"}).text
    line = next(line for line in first.splitlines() if line.startswith(f"{OWN_SHEET},"))
    assert '"\'=HYPERLINK(""http://evil"",""clic"")"' in line
    assert ",'-moins; @arobase," in line and ",'+5 € en timbre," in line
    report = admin.post(f"{site}/@catalogue-import", json={"csv": first}).json()
    assert report["errors"] == [] and report["updated"] == [] and report["created"] == []
    assert admin.get(url).json()["title"] == body["title"]
    assert admin.get(f"{site}/@catalogue-export", params={"format": "csv"}).text == first


def test_interactions_csv_neutralises_titles(rest, site, own_sheet):
    ratelimit.clear()
    admin = rest("admin")
    url = own_sheet.absolute_url()
    assert admin.patch(url, json={"title": "=1+1"}).status_code == 204
    uid = admin.get(url).json()["UID"]
    assert rest("agent").post(f"{site}/@interactions", json={"service": uid, "channel": "telephone", "outcome": "answered"}).status_code == 201
    text = admin.get(f"{site}/@interactions", params={"format": "csv"}).text
    assert f",{uid},'=1+1,telephone,answered" in text
