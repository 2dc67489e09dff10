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
