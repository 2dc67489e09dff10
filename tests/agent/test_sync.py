"""`guichet-kb sync-service-public` against the running test site: the daily sync
(import under one run id, the reviewers' digest through a real SMTP server),
idempotency, bad sources, and the client-side hash skip (the server's own check kept)."""

from guichet_kb.agent.cli import main as cli
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.importers import run_digest
import http.server
import json
import pathlib
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
from repo_paths import SERVICE_PUBLIC
import shutil
import socket
import threading
import time
import transaction
import zipfile
from zope.annotation.interfaces import IAnnotations


FIXTURES = pathlib.Path(__file__).parents[1] / "importers" / "fixtures" / "dila"
needs_shared = pytest.mark.skipif(not SERVICE_PUBLIC.is_dir(), reason="../shared/data/service-public not present")


def sync(capsys, site, *args, user=SITE_OWNER_NAME, password=SITE_OWNER_PASSWORD):
    capsys.readouterr()
    code = cli(["--url", site, "--user", user, "--password", password, "sync-service-public", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def sync_json(capsys, site, *args):
    code, out, err = sync(capsys, site, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def crlf(text):
    return text.replace("\n", "\r\n")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@needs_shared
def test_sync_of_the_shared_fiches_then_a_second_run_changes_nothing(functional, site, inbox, capsys, rest):
    first = sync_json(capsys, site, str(SERVICE_PUBLIC))
    batch, created = first["batch"], first["import"]["created"]
    assert len(created) == 128 and first["import"]["updated"] == [] and first["import"]["sent"] == 128
    assert "withdrawals" not in first  # a folder is not a full package without --full
    digest = first["digest"]
    assert (digest["created"], digest["published"], digest["updated"], digest["withdrawn"], digest["sent"]) == (128, 0, 0, 0, 1)
    # The demo's import profile and national completeness: 12 sheets incomplete, 6 sent to
    # bodies nobody declared (tribunal, notaire...), 8 with no channel (no online service).
    assert digest["incomplete"] == 12
    (mail,) = inbox.wait(1)
    assert mail["to"] == ["valideur@ville-exemple.invalid"]
    assert mail["subject"] == "[Guichet] Import Service-Public.fr : 128 nouvelle(s), 0 mise(s) à jour, 0 retirée(s)"
    head = (
        f"Import Service-Public.fr {batch} (lancé par admin) :\n\n"
        "- créées : 128 (dont publiées : 0)\n"
        "- mises à jour : 0 (copies de travail à archiver : 0)\n"
        "- en attente de validation : 0\n"
        "- retirées au niveau national : 0\n"
        "- incomplètes, non publiées : 12\n\n"
        "Incomplètes (ce qui manque) :\n"
        f"- Accès aux documents administratifs : il manque l'organisme compétent — {site}/demarches/acces-aux-documents-administratifs\n"
    )
    assert mail["body"].startswith(crlf(head))
    assert mail["body"].endswith(crlf(f"\n\nFile de relecture : {site}/@@review-queue\n"))
    assert mail["body"].count("\r\n- ") == 5 + 12  # the five counts, then the 12 incomplete items
    # Every created item carries the run in its import record.
    transaction.begin()  # see what the server committed
    item = functional["portal"].unrestrictedTraverse("demarches/acces-aux-documents-administratifs")
    record = IAnnotations(item)[IMPORT_KEY]
    assert (record["batch"], record["by"], record["change"]) == (batch, SITE_OWNER_NAME, "created")

    before = serials(functional["portal"])
    code, out, err = sync(capsys, site, str(SERVICE_PUBLIC))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("sync sync-") and lines[0].endswith(f" from {SERVICE_PUBLIC}")
    assert lines[1] == "created 0, updated 0, unchanged 128, skipped 74 in 0.0 s (server time); 0 fiche(s) sent in 0 request(s)"
    assert lines[2:] == ["  not imported: 74 (themes, dossiers, forms, online services)", "nothing new: no digest sent"]
    assert serials(functional["portal"]) == before  # no item modified (only the CLI's login writes)
    assert run_digest.CLAIMS_KEY in IAnnotations(functional["portal"])  # the first run's claim, and no other
    assert list(IAnnotations(functional["portal"])[run_digest.CLAIMS_KEY]) == [batch]
    time.sleep(0.5)
    assert len(inbox.messages) == 1

    # The same digest request replayed (a retry, another host): nothing sent again.
    replay = rest("admin").post(f"{site}/@import-digest", json={"batch": batch})
    assert replay.status_code == 200
    assert replay.json()["sent"] == 0 and replay.json()["already_sent"]
    time.sleep(0.5)
    assert len(inbox.messages) == 1


def serials(portal):
    """The stored revision of every sheet and answer, and of its import record."""
    transaction.begin()  # see what the server committed
    catalog = portal.portal_catalog
    found = {}
    for brain in catalog.unrestrictedSearchResults(portal_type=["ServiceSheet", "Answer"]):
        obj = brain._unrestrictedGetObject()
        obj._p_activate()  # a ghost's serial is not loaded yet
        found[brain.UID] = (obj._p_serial, IAnnotations(obj).get(IMPORT_KEY, {}).get("hash"))
    return found


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "fiches"
    shutil.copytree(FIXTURES, folder)
    return folder


def test_client_sends_only_changed_fiches_and_the_server_keeps_its_check(site, source, capsys, rest, inbox):
    first = sync_json(capsys, site, str(source))
    assert sorted(c["id"] for c in first["import"]["created"]) == ["F9001", "F9002"]
    assert (first["import"]["sent"], first["import"]["requests"]) == (2, 1)
    hashes = rest("admin").get(f"{site}/@import-service-public").json()["hashes"]
    assert sorted(hashes) == ["F9001", "F9002"]
    (source / "F9001.xml").write_text((source / "F9001.xml").read_text().replace("Immédiat.", "Une semaine."))
    second = sync_json(capsys, site, str(source))
    assert (second["import"]["sent"], second["import"]["requests"]) == (1, 1)  # F9002 not sent
    assert [u["id"] for u in second["import"]["updated"]] == ["F9001"] and second["import"]["unchanged"] == ["F9002"]
    assert (second["digest"]["created"], second["digest"]["updated"], second["digest"]["sent"]) == (0, 1, 1)
    assert inbox.wait(2)[-1]["subject"] == "[Guichet] Import Service-Public.fr : 0 nouvelle(s), 1 mise(s) à jour, 0 retirée(s)"
    # A client claiming a changed fiche is unchanged (its hash forged) is not believed:
    # the server prepares the content again and compares its own hash.
    forged = (source / "F9001.xml").read_text().replace("Une semaine.", "Trois jours.")
    body = {"fiches": [{"name": "F9001.xml", "content": forged, "hash": hashes["F9001"]}], "batch": "forged-1"}
    report = rest("admin").post(f"{site}/@import-service-public", json=body).json()
    assert [u["id"] for u in report["updated"]] == ["F9001"] and report["unchanged"] == []
    assert rest("admin").get(f"{site}/@import-service-public").json()["hashes"]["F9001"] != hashes["F9001"]


def test_hashes_and_digest_are_for_those_who_may_import(site, rest):
    """Site Administrators, and Editors who may add sheets and answers (they run the
    import too: api/import_service_public/__init__.py); nobody else."""
    for user in (None, "agent", "valideur"):
        assert rest(user).get(f"{site}/@import-service-public").status_code in (401, 403)
        assert rest(user).post(f"{site}/@import-digest", json={"batch": "x"}).status_code in (401, 403)
    for user in ("redacteur", "admin"):
        assert rest(user).get(f"{site}/@import-service-public").status_code == 200
        assert rest(user).post(f"{site}/@import-digest", json={"batch": "x"}).status_code == 200


@pytest.mark.parametrize("body", [{}, {"batch": ""}, {"batch": "a b"}, {"batch": "x" * 65}, {"batch": 3}, {"batch": "x", "force": True}])
def test_digest_bad_body(site, rest, body):
    response = rest("admin").post(f"{site}/@import-digest", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        'Attendu : {"batch": "<identifiant de l\'import>"}, de 1 à 64 lettres, chiffres ou _ . : - (motif [A-Za-z0-9_.:-]{1,64}).'
    )


def test_import_refuses_a_bad_batch(site, rest):
    body = {"fiches": [{"name": "F9001.xml", "content": (FIXTURES / "F9001.xml").read_text()}], "batch": "pas bon"}
    response = rest("admin").post(f"{site}/@import-service-public", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "« batch » doit compter de 1 à 64 lettres, chiffres ou _ . : - (motif [A-Za-z0-9_.:-]{1,64})."
    assert rest("admin").get(f"{site}/@search", params={"external_id": "F9001"}).json()["items_total"] == 0


def test_nothing_to_say_sends_nothing(site, rest, inbox):
    response = rest("admin").post(f"{site}/@import-digest", json={"batch": "no-such-run"})
    assert response.status_code == 200
    assert response.json() == {
        "batch": "no-such-run",
        **dict.fromkeys(("created", "published", "updated", "working_copies", "pending", "withdrawn", "incomplete"), 0),
        "sent": 0,
    }
    time.sleep(0.3)
    assert inbox.messages == []


def _zip(path, files):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def test_bad_sources(site, tmp_path, capsys, rest):
    missing = tmp_path / "nowhere"
    assert sync(capsys, site, str(missing))[::2] == (5, f"guichet-kb: {missing}: no such file or folder\n")
    not_dila = _zip(tmp_path / "notes.zip", {"notes/a.json": '{"hello": "world"}', "notes/b.xml": "<note>bonjour</note>"})
    assert sync(capsys, site, str(not_dila))[::2] == (5, f"guichet-kb: {not_dila}: not a DILA package (2 file(s), none is a DILA fiche)\n")
    no_fiche = _zip(tmp_path / "docs.zip", {"readme.txt": "bonjour"})
    assert sync(capsys, site, str(no_fiche))[::2] == (5, f"guichet-kb: {no_fiche}: not a DILA package (no fiche file: .xml or .json)\n")
    url = f"http://127.0.0.1:{free_port()}/vosdroits-latest.zip"  # nothing listens there
    assert sync(capsys, site, url)[::2] == (5, f"guichet-kb: cannot download {url}: connection refused or host unknown\n")
    assert sync(capsys, site)[::2] == (5, "guichet-kb: no SOURCE given and the import profile has no sync source (sync_source): nothing to sync\n")
    assert sync(capsys, site, str(FIXTURES), password="faux")[::2] == (3, "guichet-kb: 401 Unauthorized: wrong user name or password\n")
    assert sync(capsys, f"http://127.0.0.1:{free_port()}/plone", str(FIXTURES))[0] == 2
    assert rest("admin").get(f"{site}/@search", params={"external_id": "F9001"}).json()["items_total"] == 0


class _Archive(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):
        if self.path != "/vosdroits-latest.zip":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/zip")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def archive_server(tmp_path):
    """A real HTTP server publishing a zip of the test fiches as vosdroits-latest.zip."""
    files = {p.name: p.read_bytes() for p in FIXTURES.iterdir() if p.is_file()}
    handler = type("Archive", (_Archive,), {"body": _zip(tmp_path / "v.zip", files).read_bytes()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_download_of_a_dila_archive(archive_server, monkeypatch):
    from guichet_kb.agent import download
    from guichet_kb.agent.sources import open_source
    from guichet_kb.agent.sources import SourceError

    with open_source(f"{archive_server}/vosdroits-latest.zip") as files:
        assert {pathlib.PurePosixPath(name).stem for name, _read in files} >= {"F9001", "F9002"}
    with pytest.raises(SourceError) as info, open_source(f"{archive_server}/autre.zip"):
        pass
    assert str(info.value) == f"cannot download {archive_server}/autre.zip: HTTP 404"
    monkeypatch.setattr(download, "MAX_BYTES", 1024)
    with pytest.raises(SourceError) as info, open_source(f"{archive_server}/vosdroits-latest.zip"):
        pass
    assert str(info.value) == f"cannot download {archive_server}/vosdroits-latest.zip: more than 1024 bytes"


def test_import_all_sends_unchanged_fiches_and_the_server_leaves_them(site, source, capsys):
    from guichet_kb.agent.cli import main

    def report(*args):
        capsys.readouterr()
        assert (
            main(["--url", site, "--user", SITE_OWNER_NAME, "--password", SITE_OWNER_PASSWORD, "import-service-public", str(source), "--json", *args])
            == 0
        )
        return json.loads(capsys.readouterr().out)

    assert report()["sent"] == 2
    assert report()["sent"] == 0
    again = report("--all")
    assert again["sent"] == 2 and sorted(again["unchanged"]) == ["F9001", "F9002"] and again["updated"] == []


def test_a_full_package_sends_the_withdrawals_and_the_digest_counts_them(site, source, capsys, rest, inbox):
    """Cross-part contract (COMMON14: @service-public-withdrawals, helper "national")."""
    if rest("admin").post(f"{site}/@service-public-withdrawals", json={}).status_code == 404:
        pytest.skip("POST @service-public-withdrawals is not on this branch yet (helper national)")
    first = sync_json(capsys, site, str(source), "--full")
    assert first["withdrawals"]["withdrawn"] == []
    (source / "F9002.json").unlink()
    second = sync_json(capsys, site, str(source), "--full")
    assert second["withdrawals"]["withdrawn"] == ["F9002"]
    assert (second["digest"]["withdrawn"], second["digest"]["sent"]) == (1, 1)
    assert inbox.wait(2)[-1]["subject"] == "[Guichet] Import Service-Public.fr : 0 nouvelle(s), 0 mise(s) à jour, 1 retirée(s)"


def test_refused_withdrawals_still_mail_the_digest_and_fail_the_run(site, source, tmp_path, capsys, inbox):
    """The import is done when the withdrawals are refused (a partial package, or a site
    without the service): the reviewers still get the digest, and cron sees the failure."""
    assert cli(["--url", site, "--user", SITE_OWNER_NAME, "--password", SITE_OWNER_PASSWORD, "import-service-public", str(source)]) == 0
    partial = tmp_path / "partial"
    partial.mkdir()
    text = (FIXTURES / "F9001.xml").read_text().replace('ID="F9001"', 'ID="F9901"').replace("première", "seconde")
    (partial / "F9901.xml").write_text(text)
    code, out, err = sync(capsys, site, str(partial), "--full")
    assert code == 4 and err.startswith("guichet-kb: withdrawals not flagged: ")
    assert out.splitlines()[-1] == "digest sent to 1 reviewer(s)"
    assert inbox.wait(2)[-1]["subject"] == "[Guichet] Import Service-Public.fr : 1 nouvelle(s), 0 mise(s) à jour, 0 retirée(s)"


def test_an_update_of_a_published_sheet_mails_the_digest_only(site, source, capsys, rest, inbox, catalogue):
    """The working copy an import submits sends no e-mail of its own: the run's digest says it."""
    import catalogue_factory as make

    department = catalogue(make.department("service-essai", "Service d'essai"))["service-essai"].UID()
    sync_json(capsys, site, str(source))
    admin = rest("admin")
    url = admin.get(f"{site}/@search", params={"external_id": "F9001"}).json()["items"][0]["@id"]
    assert admin.patch(url, json={"department": department}).status_code == 204
    assert admin.post(f"{url}/@workflow/submit", json={}).status_code == 200
    assert rest("valideur").post(f"{url}/@workflow/publish", json={}).status_code == 200
    inbox.wait(2)  # the first run's digest, the submission's notice
    time.sleep(0.5)
    before = len(inbox.messages)
    (source / "F9001.xml").write_text((source / "F9001.xml").read_text().replace("Immédiat.", "Trois jours."))
    run = sync_json(capsys, site, str(source))
    assert run["import"]["updated"][0]["how"] == "working copy submitted for review"
    assert (run["digest"]["updated"], run["digest"]["working_copies"], run["digest"]["pending"], run["digest"]["sent"]) == (1, 1, 1, 1)
    time.sleep(0.5)
    (digest,) = inbox.messages[before:]
    assert digest["subject"] == "[Guichet] Import Service-Public.fr : 0 nouvelle(s), 1 mise(s) à jour, 0 retirée(s)"
    assert "- mises à jour : 1 (copies de travail à archiver : 1)\r\n- en attente de validation : 1\r\n" in digest["body"]
    assert f"En attente de validation :\r\n- Carte de bibliothèque : première demande — {run['import']['updated'][0]['url']}\r\n" in digest["body"]
