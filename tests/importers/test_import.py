"""Service-Public.fr import: parser on fixtures written for the tests, the import
service through the CLI over real HTTP, idempotency, local fields, bad input."""

import catalogue_factory as make
from guichet_kb.importers.dila import parse
from guichet_kb.importers.nodes import FicheError
from guichet_kb.importers.nodes import load
from national_helpers import report
from national_helpers import run
import pathlib
import pytest
from repo_paths import SERVICE_PUBLIC
import shutil


FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "dila"
REAL = SERVICE_PUBLIC


def fiche(name):
    return parse(load((FIXTURES / name).read_bytes(), name))


class TestParser:
    def test_titles_and_dates_normalised(self):
        data = fiche("F9001.xml")
        assert data["title"] == "Carte de bibliothèque : première demande"
        assert data["modified"] == "2020-05-04"
        assert data["audiences"] == ["particuliers"] and data["life_events"] == ["papiers-identite"]

    def test_sections_by_kind(self):
        data = fiche("F9001.xml")
        assert "<strong>majeure</strong>" in data["eligibility"]
        assert "<h3>Adulte</h3>" in data["documents"] and "Étudiant" in data["documents"]
        assert data["document_titles"][:2] == ["Justificatif de domicile", "Une photo récente"]
        assert data["cost"] == "Gratuit" and data["free"]  # the two situations merged
        assert data["processing_time"] == "Immédiat." and data["validity"] == "1 an"
        assert "&lt;script&gt;" in data["steps"] and "<script>" not in data["steps"]

    def test_links_services_references(self):
        data = fiche("F9001.xml")
        assert [s["url"] for s in data["online_services"] if s["type"] == "Téléservice"] == ["https://www.ville-exemple.fr/bibliotheque/inscription"]
        assert data["pivots"] == ["mairie"]
        assert data["legal_references"] == [{"title": "Code du patrimoine", "url": "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000000001"}]
        assert data["answers"] == ["F9002"] and data["links"] == ["F9002"]

    def test_xmljs_json(self):
        data = fiche("F9002.json")
        assert data["title"] == "Peut-on emprunter sans carte ?" and data["type"] == "Fiche Question-réponse"

    def test_hash_changes_with_content_only(self):
        raw = (FIXTURES / "F9001.xml").read_text()
        assert parse(load(raw))["hash"] == parse(load(raw))["hash"]
        assert parse(load(raw.replace("Immédiat.", "Une semaine.")))["hash"] != parse(load(raw))["hash"]

    @pytest.mark.parametrize(
        "name, reason",
        [("F9004.xml", "editorial draft"), ("F9005.xml", "malformed XML"), ("X9006.xml", "unknown root element")],
    )
    def test_bad_fiches(self, name, reason):
        with pytest.raises(FicheError) as info:
            fiche(name)
        assert reason in str(info.value)

    def test_missing_id_and_bad_json(self):
        with pytest.raises(FicheError, match="ID"):
            parse(load('<Publication><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">x</dc:title></Publication>'))
        with pytest.raises(FicheError, match="malformed JSON"):
            load("{not json", "x.json")


def document_titles(rest, site, sheet):
    uids = [row["document"] for row in sheet["required_documents"]]
    items = rest("admin").get(f"{site}/@search", params={"UID": uids}).json()["items"]
    return [item["title"] for item in items]


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "fiches"
    shutil.copytree(FIXTURES, folder)
    return folder


class TestImportService:
    def test_first_import_then_noop(self, site, source, capsys, rest):
        first = report(site, capsys, str(source))
        assert sorted(c["id"] for c in first["created"]) == ["F9001", "F9002"]
        assert {s.get("id") or s["source"] for s in first["skipped"]} >= {"N9003", "F9004.xml", "F9005.xml", "X9006.xml"}
        assert all(c["state"] == "draft" for c in first["created"])
        second = report(site, capsys, str(source))
        assert second["created"] == [] and second["updated"] == [] and sorted(second["unchanged"]) == ["F9001", "F9002"]
        sheet = rest("admin").get(f"{site}/@search", params={"external_id": "F9001", "fullobjects": 1}).json()["items"][0]
        assert sheet["online_service_url"] == "https://www.ville-exemple.fr/bibliotheque/inscription"
        assert sheet["free_of_charge"] is True and sheet["validity"] == "1 an"
        assert sheet["source_modified"] == "2020-05-04"
        # The demo profile: the "mairie" pivot code -> the two town-hall desks.
        assert [d["title"] for d in sheet["desks"]] == ["Hôtel de ville - accueil principal", "Mairie annexe des Tilleuls"]
        assert "Justificatif de domicile" in " ".join(document_titles(rest, site, sheet))
        assert [a["title"] for a in sheet["related_answers"]] == ["Peut-on emprunter sans carte ?"]
        assert rest().get(sheet["@id"]).status_code in (401, 404)  # a draft

    def test_local_fields_survive_and_overrides_are_kept(self, site, source, capsys, rest):
        report(site, capsys, str(source))
        admin = rest("admin")
        url = admin.get(f"{site}/@search", params={"external_id": "F9001"}).json()["items"][0]["@id"]
        assert admin.patch(url, json={"call_script_answer": "Dire bonjour.", "top_rank": 9, "validity": "Deux ans (local)"}).status_code == 204
        changed = (source / "F9001.xml").read_text().replace("Immédiat.", "Une semaine.").replace("1 an", "3 ans")
        (source / "F9001.xml").write_text(changed)
        second = report(site, capsys, str(source))
        assert [u["id"] for u in second["updated"]] == ["F9001"]
        assert second["overrides_kept"] == {"F9001": ["validity"]}
        data = admin.get(url).json()
        assert data["processing_time"] == "Une semaine."  # imported field updated
        assert data["validity"] == "Deux ans (local)"  # local override kept
        assert data["call_script_answer"] == "Dire bonjour." and data["top_rank"] == 9
        html = rest("redacteur").get(url, headers={"Accept": "text/html"}).text
        assert "Modifié localement depuis" in html and "Durée de validité" in html

    def test_published_sheet_gets_a_working_copy(self, site, source, capsys, rest, functional, catalogue):
        department = catalogue(make.department("service-essai", "Service d'essai"))["service-essai"].UID()
        report(site, capsys, str(source))
        admin = rest("admin")
        url = admin.get(f"{site}/@search", params={"external_id": "F9001"}).json()["items"][0]["@id"]
        assert admin.patch(url, json={"department": department}).status_code == 204
        assert admin.post(f"{url}/@workflow/submit", json={}).status_code == 200
        assert rest("valideur").post(f"{url}/@workflow/publish", json={}).status_code == 200
        (source / "F9001.xml").write_text((source / "F9001.xml").read_text().replace("Immédiat.", "Trois jours."))
        updated = report(site, capsys, str(source))["updated"][0]
        assert updated["how"] == "working copy submitted for review"
        assert rest().get(url).json()["processing_time"] == "Immédiat."  # public unchanged
        items = rest("valideur").get(f"{site}/@review-queue").json()["items"]
        assert any(i["reason"] == "working_copy" and i["@id"] == updated["url"] for i in items)

    def test_broken_batch_item_does_not_stop_others(self, site, rest):
        response = rest("admin").post(
            f"{site}/@import-service-public",
            json={"fiches": [{"name": "a.xml", "content": "<Publication"}, {"name": "F9001.xml", "content": (FIXTURES / "F9001.xml").read_text()}]},
        )
        assert response.status_code == 200
        data = response.json()
        assert [c["id"] for c in data["created"]] == ["F9001"]
        assert "malformed XML" in data["skipped"][0]["reason"]

    @pytest.mark.parametrize("body", [{}, {"fiches": "x"}, {"fiches": [], "publish": True}, {"fiches": [{"name": "a", "content": "x"}], "colour": 1}])
    def test_bad_requests(self, site, rest, body):
        assert rest("admin").post(f"{site}/@import-service-public", json=body).status_code == 400

    def test_site_administrators_and_editors_only(self, site, rest):
        body = {"fiches": [{"name": "F9001.xml", "content": (FIXTURES / "F9001.xml").read_text()}]}
        for user in (None, "agent", "valideur"):
            assert rest(user).post(f"{site}/@import-service-public", json=body).status_code in (401, 403)

    def test_cli_source_errors(self, site, tmp_path, capsys):
        broken = tmp_path / "broken.zip"
        broken.write_bytes(b"not a zip")
        assert run(site, str(broken)) == 5
        assert "broken zip" in capsys.readouterr().err
        assert run(site, str(tmp_path / "nowhere" / "x.txt")) == 5


class Crash(BaseException):
    """Not an Exception: nothing in the request handles it, like a kill mid-import."""


def test_interrupted_import_leaves_no_half_sheet(site, source, rest, monkeypatch, capsys):
    from guichet_kb.importers import service_public

    original = service_public.Importer.one
    calls = {"n": 0}

    def crash_on_second(self, data):
        calls["n"] += 1
        if calls["n"] == 2:
            raise Crash()
        return original(self, data)

    monkeypatch.setattr(service_public.Importer, "one", crash_on_second)
    body = {"fiches": [{"name": n, "content": (FIXTURES / n).read_text()} for n in ("F9001.xml", "F9002.json")]}
    try:
        rest("admin").post(f"{site}/@import-service-public", json=body, timeout=10)
    except Exception:
        pass  # the connection may be dropped: that is the point
    monkeypatch.setattr(service_public.Importer, "one", original)
    assert calls["n"] == 2
    assert rest("admin").get(f"{site}/@search", params={"external_id": "F9001"}).json()["items_total"] == 0
    result = report(site, capsys, str(source))
    assert sorted(c["id"] for c in result["created"]) == ["F9001", "F9002"]
    assert rest("admin").get(f"{site}/@search", params={"external_id": "F9001"}).json()["items_total"] == 1


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/data/service-public not present")
def test_real_fiches(site, capsys, rest):
    first = report(site, capsys, str(REAL))
    assert len(first["created"]) >= 120 and not [s for s in first["skipped"] if "malformed" in s["reason"]]
    sheet = rest("admin").get(f"{site}/@search", params={"external_id": "F1341", "fullobjects": 1}).json()["items"][0]
    assert "pre-demande" in sheet["online_service_url"]
    assert sheet["free_of_charge"] is True and sheet["validity"] == "15 ans"
    assert any("Justificatif de domicile" in title for title in document_titles(rest, site, sheet))
    assert len(sheet["related_answers"]) >= 3
    again = report(site, capsys, str(REAL))
    assert again["created"] == [] and again["updated"] == [] and len(again["unchanged"]) == len(first["created"])


def test_same_fiche_in_two_audiences_is_one_sheet(site, source, capsys, rest):
    """particuliers/F9001 and associations/F9001: one sheet, both audiences, stable on re-import."""
    for audience in ("particuliers", "associations"):
        (source / audience).mkdir()
        (source / audience / "F9001.xml").write_text(
            (FIXTURES / "F9001.xml").read_text().replace("<Audience>Particuliers</Audience>", f"<Audience>{audience.capitalize()}</Audience>")
        )  # noqa: E501
    (source / "F9001.xml").unlink()
    first = report(site, capsys, str(source))
    assert [c["id"] for c in first["created"]].count("F9001") == 1
    sheet = rest("admin").get(f"{site}/@search", params={"external_id": "F9001", "fullobjects": 1}).json()["items"][0]
    assert sorted(a["token"] for a in sheet["audiences"]) == ["associations", "particuliers"]
    second = report(site, capsys, str(source))
    assert second["updated"] == [] and "F9001" in second["unchanged"]


def test_unknown_npm_package(site, capsys):
    assert run(site, "@guichet-kb-tests/no-such-package-zz") == 5
    assert "npm pack" in capsys.readouterr().err


def test_oversized_request_refused(site, rest):
    big = {"fiches": [{"name": "big.xml", "content": "x" * (21 * 1024 * 1024)}]}
    response = rest("admin").post(f"{site}/@import-service-public", json=big)
    assert response.status_code == 413
    assert "lots plus petits" in response.json()["error"]["message"]
