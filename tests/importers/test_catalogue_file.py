"""CSV and JSON export / import of the service sheets: exact round trip, bad files."""

import csv
from guichet_kb.agent.cli import main as cli
import io
import json
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest


def run(site, *args):
    return cli(["--url", site, "--user", SITE_OWNER_NAME, "--password", SITE_OWNER_PASSWORD, *args])


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_round_trip_is_exact(site, tmp_path, capsys, fmt):
    first = tmp_path / f"first.{fmt}"
    second = tmp_path / f"second.{fmt}"
    assert run(site, "export", "--format", fmt, "-o", str(first)) == 0
    capsys.readouterr()
    assert run(site, "import", str(first)) == 0
    out = capsys.readouterr().out
    assert "created 0, updated 0" in out and "errors 0" in out
    assert run(site, "export", "--format", fmt, "-o", str(second)) == 0
    assert first.read_text() == second.read_text()


def test_csv_has_documents_desks_channels(site, tmp_path):
    path = tmp_path / "demarches.csv"
    run(site, "export", "--format", "csv", "-o", str(path))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(path.read_text()))}
    assert len(rows) >= 30
    cni = rows["carte-identite"]
    assert "mairie-centrale" in cni["desks"] and "online" in cni["channels"]
    assert json.loads(cni["required_documents"])[0]["document"]
    assert cni["call_script_answer"]


def test_spreadsheet_edit_creates_and_updates(site, tmp_path, rest, capsys):
    path = tmp_path / "demarches.csv"
    run(site, "export", "--format", "csv", "-o", str(path))
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    fields = list(rows[0])
    draft = dict(rows[0], id="nouvelle-demarche", title="Nouvelle démarche", top_rank="", review_state="")
    rows[1]["processing_time"] = "Trois semaines"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows[:2] + [draft])
    path.write_text(out.getvalue())
    capsys.readouterr()
    assert run(site, "import", str(path)) == 0
    assert "created 1, updated 1, unchanged 1" in capsys.readouterr().out
    assert rest("admin").get(f"{site}/demarches/nouvelle-demarche").json()["review_state"] == "draft"
    # a published sheet is updated through a working copy, not in place
    assert rest().get(f"{site}/demarches/{rows[1]['id']}").json()["processing_time"] != "Trois semaines"


@pytest.mark.parametrize(
    "content, expected",
    [
        ("id,title,colour\nx,X,bleu\n", "unknown column"),
        ("title\nX\n", "missing column"),
    ],
)
def test_bad_csv_refused(site, rest, content, expected):
    response = rest("admin").post(f"{site}/@catalogue-import", json={"csv": content})
    assert response.status_code == 400 and expected in response.json()["error"]["message"]


def test_bad_rows_reported_others_imported(site, rest):
    items = [
        {"id": "ok-row", "title": "Ligne correcte", "channels": ["on_site"]},
        {"id": "bad-row", "title": "Ligne fausse", "channels": ["pigeon"]},
        {"id": "bad-ref", "title": "Référence", "desks": ["nulle-part"]},
    ]
    report = rest("admin").post(f"{site}/@catalogue-import", json={"items": items}).json()
    assert report["created"] == ["ok-row"]
    messages = {e["id"]: e["message"] for e in report["errors"]}
    assert "pigeon" in messages["bad-row"] and "nulle-part" in messages["bad-ref"]
    assert rest("admin").get(f"{site}/demarches/bad-row").status_code == 404


def test_only_site_administrators(site, rest):
    for user in (None, "agent", "redacteur", "valideur"):
        assert rest(user).get(f"{site}/@catalogue-export").status_code in (401, 403)
        assert rest(user).post(f"{site}/@catalogue-import", json={"items": []}).status_code in (401, 403)


# -- issue 16: organisations, desks' organisation and sheets' competences, by id


def test_the_files_name_organisations_by_id(site, tmp_path):
    path = tmp_path / "catalogue.json"
    run(site, "export", "--format", "json", "-o", str(path))
    data = json.loads(path.read_text())
    organisations = {row["id"]: row for row in data["organisations"]}
    town = organisations["ville-exemple"]
    assert (town["kind"], town["review_state"]) == ("commune", "published") and "mairie" in town["pivot_codes"]
    assert "mairie-centrale" in town["desks"] and "mairie-centrale" not in organisations["agglo-exemple"]["desks"]
    sheets = {row["id"]: row for row in data["items"]}
    assert {"organisation": "ville-exemple", "case": None} in sheets["carte-identite"]["competences"]
    csv_path = tmp_path / "demarches.csv"
    run(site, "export", "--format", "csv", "-o", str(csv_path))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(csv_path.read_text()))}
    assert json.loads(rows["carte-identite"]["competences"]) == sheets["carte-identite"]["competences"]


@pytest.fixture
def draft_desk(functional):
    from plone import api
    import transaction

    with api.env.adopt_roles(["Manager"]):
        desk = api.content.create(container=functional["portal"]["guichets"], type="Desk", id="guichet-fichier", title="Guichet du fichier")
    transaction.commit()
    return desk


ORGANISATION = {
    "id": "caf-fichier",
    "title": "Caf du fichier",
    "description": "Les prestations familiales.",
    "kind": "caf",
    "phone": "01 23 45 67 89",
    "pivot_codes": ["caf"],
    "communes": ["99000"],
    "desks": ["guichet-fichier"],
}


def test_an_organisation_created_from_the_file_with_its_desks(site, rest, draft_desk):
    admin = rest("admin")
    response = admin.post(f"{site}/@catalogue-import", json={"items": [], "organisations": [ORGANISATION]})
    assert response.status_code == 200, response.text
    assert response.json()["created"] == ["organismes/caf-fichier"] and response.json()["errors"] == []
    created = admin.get(f"{site}/organismes/caf-fichier").json()
    assert (created["kind"]["token"], created["communes"], created["review_state"]) == ("caf", ["99000"], "draft")
    assert admin.get(f"{site}/guichets/guichet-fichier").json()["organisation"]["@id"] == f"{site}/organismes/caf-fichier"
    exported = {row["id"]: row for row in admin.get(f"{site}/@catalogue-export", params={"format": "json"}).json()["organisations"]}
    assert exported["caf-fichier"]["desks"] == ["guichet-fichier"]
    again = admin.post(f"{site}/@catalogue-import", json={"items": [], "organisations": [exported["caf-fichier"]]}).json()
    assert again["unchanged"] == ["organismes/caf-fichier"] and again["created"] == again["updated"] == []


@pytest.mark.parametrize(
    "change, message",
    [
        ({"desks": ["pas-un-guichet"]}, "caf-fichier: unknown desk 'pas-un-guichet'"),
        ({"kind": "mairie_annexe"}, "mairie_annexe"),
        ({"colour": "bleu"}, "caf-fichier: unknown column(s) colour"),
    ],
)
def test_a_bad_organisation_row_creates_nothing(site, rest, draft_desk, change, message):
    admin = rest("admin")
    report = admin.post(f"{site}/@catalogue-import", json={"items": [], "organisations": [{**ORGANISATION, **change}]}).json()
    assert report["created"] == [] and [error["id"] for error in report["errors"]] == ["organismes/caf-fichier"]
    assert message in report["errors"][0]["message"]
    assert admin.get(f"{site}/organismes/caf-fichier").status_code == 404
    assert admin.get(f"{site}/guichets/guichet-fichier").json()["organisation"] is None


def test_a_sheet_names_an_organisation_of_the_file_by_id(site, rest):
    admin = rest("admin")
    rows = {row["id"]: row for row in admin.get(f"{site}/@catalogue-export", params={"format": "json"}).json()["items"]}
    sheet = {**rows["carte-identite"], "competences": [{"organisation": "agglo-exemple", "case": "Essai"}]}
    report = admin.post(f"{site}/@catalogue-import", json={"items": [sheet]}).json()
    assert [entry["fields"] for entry in report["updated"]] == [["competences"]]
    bad = admin.post(f"{site}/@catalogue-import", json={"items": [{**sheet, "competences": [{"organisation": "inconnu", "case": None}]}]}).json()
    assert bad["errors"] == [{"id": "carte-identite", "message": "carte-identite: unknown reference 'inconnu'"}]
