"""The import profile applied by the Service-Public import: new items and empty
local fields get it, local edits survive re-imports, unmapped codes are reported,
each item records its run (batch, by), and an Editor's --publish submits."""

import catalogue_factory as make
from guichet_kb.agent.cli import main as cli
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.facts import IMPORT_BATCH_PATTERN
from guichet_kb.testing import DEMO_PASSWORD
import json
import pathlib
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import re
import shutil
import transaction
from zope.annotation.interfaces import IAnnotations


FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "dila"
PASSWORDS = {SITE_OWNER_NAME: SITE_OWNER_PASSWORD}


def run(site, capsys, *args, user=SITE_OWNER_NAME):
    capsys.readouterr()
    code = cli(["--url", site, "--user", user, "--password", PASSWORDS.get(user, DEMO_PASSWORD), "import-service-public", *args])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def report(site, capsys, *args, user=SITE_OWNER_NAME):
    return json.loads(run(site, capsys, *args, "--json", user=user))


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "fiches"
    folder.mkdir()
    for name in ("F9001.xml", "F9002.json"):
        shutil.copy(FIXTURES / name, folder)
    return folder


@pytest.fixture
def town(catalogue, site, rest):
    """Two desks and two departments of the test's own; the profile maps `mairie` to the first desk."""
    items = catalogue(
        make.desk("guichet-essai", "Guichet d'essai"),
        make.desk("guichet-deux", "Guichet deux"),
        make.department("service-essai", "Service d'essai"),
        make.department("service-deux", "Service deux"),
    )
    uids = {key: obj.UID() for key, obj in items.items()}
    body = {
        "department": uids["service-essai"],
        "desks_by_pivot": {"mairie": [uids["guichet-essai"]]},
        "by_audience": {},
        "by_life_event": {},
        "review_interval": 6,
    }
    assert rest("admin").patch(f"{site}/@import-profile", json=body).status_code == 200
    return uids


def item(rest, site, external_id):
    found = rest("admin").get(f"{site}/@search", params={"external_id": external_id, "fullobjects": 1}).json()["items"]
    assert len(found) == 1
    return found[0]


def test_new_items_get_the_profile(site, rest, source, capsys, town):
    first = report(site, capsys, str(source))
    entries = {entry["id"]: entry for entry in first["created"]}
    assert entries["F9001"]["profile"] == ["competences", "department", "desks", "review_interval"]
    assert entries["F9002"]["profile"] == ["review_interval"]  # an answer has no desk nor department
    sheet = item(rest, site, "F9001")
    assert [d["title"] for d in sheet["desks"]] == ["Guichet d'essai"] and sheet["department"]["title"] == "Service d'essai"
    # Its pivot code is mapped to desks only: the town (the demo's one commune) handles it.
    town_uid = rest("admin").get(f"{site}/organismes/ville-exemple").json()["UID"]
    assert [row["organisation"] for row in sheet["competences"]] == [town_uid]
    assert sheet["review_interval"] == 6 and item(rest, site, "F9002")["review_interval"] == 6
    assert sorted(c["token"] for c in sheet["channels"]) == ["on_site", "online"]  # desks given, and a Téléservice
    assert first["unmapped"] == {}


def test_local_edits_survive_a_reimport(site, rest, source, capsys, town):
    report(site, capsys, str(source))
    url = item(rest, site, "F9001")["@id"]
    editor = rest("redacteur")
    assert editor.patch(url, json={"department": town["service-deux"], "desks": [town["guichet-deux"]]}).status_code == 204
    (source / "F9001.xml").write_text((source / "F9001.xml").read_text().replace("Immédiat.", "Une semaine."))
    second = report(site, capsys, str(source))
    assert [(u["id"], u["fields"], u["profile"]) for u in second["updated"]] == [("F9001", ["processing_time"], [])]
    sheet = item(rest, site, "F9001")
    assert sheet["processing_time"] == "Une semaine."
    assert sheet["department"]["title"] == "Service deux" and [d["title"] for d in sheet["desks"]] == ["Guichet deux"]
    # Emptied by an editor after the profile filled it: a local choice, not refilled.
    assert editor.patch(url, json={"department": None}).status_code == 204
    (source / "F9001.xml").write_text((source / "F9001.xml").read_text().replace("Une semaine.", "Deux semaines."))
    third = report(site, capsys, str(source))
    assert [u["profile"] for u in third["updated"]] == [[]]
    assert item(rest, site, "F9001")["department"] is None


def test_a_profile_set_later_fills_the_empty_fields_of_drafts(site, rest, source, capsys, town):
    admin = rest("admin")
    assert admin.patch(f"{site}/@import-profile", json={"department": None, "desks_by_pivot": {}}).status_code == 200
    first = report(site, capsys, str(source))
    assert first["unmapped"] == {"mairie": ["F9001"]}
    assert item(rest, site, "F9001")["department"] is None and item(rest, site, "F9001")["desks"] == []
    assert (
        admin.patch(
            f"{site}/@import-profile", json={"department": town["service-essai"], "desks_by_pivot": {"mairie": [town["guichet-essai"]]}}
        ).status_code
        == 200
    )
    second = report(site, capsys, str(source))  # the fiches did not change
    assert [(u["id"], u["fields"], u["profile"], u["how"]) for u in second["updated"]] == [
        ("F9001", ["channels"], ["department", "desks"], "in place")
    ]
    sheet = item(rest, site, "F9001")
    assert sheet["department"]["title"] == "Service d'essai" and sorted(c["token"] for c in sheet["channels"]) == ["on_site", "online"]
    third = report(site, capsys, str(source))
    assert third["updated"] == [] and sorted(third["unchanged"]) == ["F9001", "F9002"]
    assert "channels" not in json.dumps(third["overrides_kept"])


def test_an_editors_publish_submits_for_review(site, rest, source, capsys, town, functional):
    out = run(site, capsys, str(source), "--publish", user="redacteur")
    assert "published 0, submitted for review 2, incomplete 0" in out
    assert "  your account cannot publish: the submitted items wait for a reviewer (guichet-kb queue)" in out
    sheet = item(rest, site, "F9001")
    assert sheet["review_state"] == "pending"
    transaction.begin()  # see what the server committed
    records = []
    for external_id in ("F9001", "F9002"):
        obj = functional["portal"].portal_catalog.unrestrictedSearchResults(external_id=external_id)[0]._unrestrictedGetObject()
        records.append((IAnnotations(obj)[IMPORT_KEY]["batch"], IAnnotations(obj)[IMPORT_KEY]["by"]))
    assert records[0] == records[1] and records[0][1] == "redacteur"  # one run, run by the Editor
    # Four eyes: the importer cannot publish; another reviewer can.
    assert rest("redacteur").post(f"{sheet['@id']}/@workflow/publish", json={}).status_code == 400  # not a transition an Editor has
    assert item(rest, site, "F9001")["review_state"] == "pending"
    assert rest("valideur").post(f"{sheet['@id']}/@workflow/publish", json={}).status_code == 200


def test_batch_given_or_made(site, rest, town):
    body = {"fiches": [{"name": "F9001.xml", "content": (FIXTURES / "F9001.xml").read_text()}]}
    admin = rest("admin")
    refused = admin.post(f"{site}/@import-service-public", json={**body, "batch": "pas d'espace"})
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == f"« batch » doit compter de 1 à 64 lettres, chiffres ou _ . : - (motif {IMPORT_BATCH_PATTERN})."
    assert (
        admin.post(f"{site}/@import-service-public", json={**body, "publish": "oui"}).json()["error"]["message"]
        == "« publish » doit valoir true ou false."
    )
    assert admin.post(f"{site}/@import-service-public", json={**body, "batch": "essai-1"}).json()["batch"] == "essai-1"
    made = admin.post(f"{site}/@import-service-public", json=body).json()["batch"]
    assert re.fullmatch(r"import-\d{8}T\d{6}-[0-9a-f]{6}", made)
