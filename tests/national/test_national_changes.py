"""Readable national changes: a published imported sheet, a newer fiche, the working
copy's "Ce qui a changé au niveau national" (REST, Classic UI), who may see it."""

import catalogue_factory as make
from national_helpers import copy_fiche
from national_helpers import ELIGIBILITY
from national_helpers import NEW_DATE
from national_helpers import publish
from national_helpers import report
from national_helpers import update_nationally
from national_helpers import url_of
import pytest
from repo_paths import SERVICE_PUBLIC


pytestmark = pytest.mark.skipif(not SERVICE_PUBLIC.is_dir(), reason="../shared/data/service-public not present")

# The steps' diff: the changed words marked, cut to eight words of context on each side.
DIFF = (
    "… soit équipée d&#x27;une station d&#x27;enregistrement. Votre présence est <del>indispensable</del> <ins>obligatoire</ins> "
    "pour <del>procéder à</del> la prise d&#x27;empreintes. Mairie délivrant des cartes d&#x27;identité …"
)


def published_then_updated(site, tmp_path, capsys, rest, catalogue):
    """(fiche file, original URL): F1341 imported, its validity changed by the town
    ("Quinze ans (règle locale)"), published, then updated nationally (the file only)."""
    department = catalogue(make.department("etat-civil-essai", "État civil d'essai"))["etat-civil-essai"].UID()
    fiche = copy_fiche(tmp_path / "fiches")
    report(site, capsys, str(fiche.parent))
    url = url_of(rest, site, "F1341")
    assert rest("admin").patch(url, json={"validity": "Quinze ans (règle locale)"}).status_code == 204
    publish(rest, url, department)
    update_nationally(fiche)
    return fiche, url


@pytest.fixture
def updated(site, tmp_path, capsys, rest, catalogue):
    """(original URL, working copy URL) after a national update of a published F1341
    whose validity the town changed ("Quinze ans (règle locale)")."""
    fiche, url = published_then_updated(site, tmp_path, capsys, rest, catalogue)
    again = report(site, capsys, str(fiche.parent))
    assert [(u["id"], u["how"]) for u in again["updated"]] == [("F1341", "working copy submitted for review")]
    assert again["overrides_kept"] == {"F1341": ["eligibility", "validity"]}
    third = report(site, capsys, str(fiche.parent))  # the same package again: nothing to do
    assert third["updated"] == [] and third["unchanged"] == ["F1341"]
    return url, again["updated"][0]["url"]


def test_working_copy_shows_the_national_diff_and_the_local_override_kept(updated, rest):
    original, copy = updated
    data = rest("valideur").get(f"{copy}/@national-changes").json()
    assert data["modified"] == {"old": "2019-08-28", "new": NEW_DATE, "old_text": "28 août 2019", "new_text": "5 novembre 2020"}
    assert [(row["field"], row["title"], row["kept"]) for row in data["changes"]] == [("steps", "Étapes", False)]
    assert data["changes"][0]["diff"] == DIFF
    assert "Votre présence est indispensable pour procéder à la prise d'empreintes." in data["changes"][0]["old"]
    assert "Votre présence est obligatoire pour la prise d'empreintes." in data["changes"][0]["new"]
    assert data["kept"] == [
        {"field": "eligibility", "title": "Qui est concerné et conditions", "value": ELIGIBILITY, "status": "conservé"},
        {"field": "validity", "title": "Durée de validité", "value": "Quinze ans (règle locale)", "status": "conservé"},
    ]
    assert data["working_copy"] == copy and data["original"] == original
    # The same rows on the original while its working copy is pending.
    on_original = rest("valideur").get(f"{original}/@national-changes").json()
    assert {k: v for k, v in on_original.items() if k != "@id"} == {k: v for k, v in data.items() if k != "@id"}


def test_classic_working_copy_page_shows_the_changes(updated, rest):
    _original, copy = updated
    html = rest("valideur").get(copy, headers={"Accept": "text/html"}).text
    assert "Ce qui a changé au niveau national" in html
    assert "Fiche nationale :" in html and "28 août 2019 → 5 novembre 2020" in html
    shown = DIFF.replace("&#x27;", "'")  # Plone's output writes the entity as the character
    assert f'<td class="guichet-diff">{shown}</td>' in html
    assert "<strong>Durée de validité</strong> : Quinze ans (règle locale) — <em>conservé</em>" in html


def test_nobody_but_staff_who_see_the_working_copy(updated, rest):
    original, copy = updated
    for user in (None, "agent"):
        assert rest(user).get(f"{original}/@national-changes").status_code == 404  # the pending copy stays hidden
        assert rest(user).get(f"{copy}/@national-changes").status_code in (401, 404)
        assert "Ce qui a changé au niveau national" not in rest(user).get(original, headers={"Accept": "text/html"}).text
    body = rest(None).get(f"{original}/@national-changes").json()
    assert body == {"error": {"type": "NotFound", "message": "Cet élément n'a pas de mise à jour nationale en attente de relecture."}}


def test_an_item_without_a_national_update(site, rest, own_sheet):
    response = rest("valideur").get(f"{own_sheet.absolute_url()}/@national-changes")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Cet élément n'a pas de mise à jour nationale en attente de relecture."


def test_original_keeps_its_national_values_until_check_in(updated, site, tmp_path, capsys, rest):
    original, copy = updated
    staff = rest("valideur").get(original, headers={"Accept": "text/html"}).text
    assert "Qui est concerné et conditions, Durée de validité" in staff  # its local changes, not the national ones
    assert rest().get(original, params={"expand": "guichet"}).json()["@components"]["guichet"]["provenance"]["verified"] == "2019-08-28"
    assert rest("valideur").patch(f"{copy}/@workingcopy", json={"message": "Mise à jour nationale relue."}).status_code == 204
    assert rest("valideur").get(f"{original}/@national-changes").status_code == 404  # nothing waits any more
    origin = rest().get(original, params={"expand": "guichet"}).json()["@components"]["guichet"]["provenance"]
    assert origin["verified"] == NEW_DATE and origin["local"] == [
        "guichets",
        "service instructeur",
        "qui est concerné et conditions",
        "durée de validité",
    ]


def test_a_national_change_of_a_field_the_town_changed_is_marked_kept(site, tmp_path, capsys, rest, catalogue):
    fiche, _url = published_then_updated(site, tmp_path, capsys, rest, catalogue)
    fiche.write_text(fiche.read_text(encoding="utf-8").replace('"text": "15 ans"', '"text": "10 ans"'), encoding="utf-8")
    copy = report(site, capsys, str(fiche.parent))["updated"][0]["url"]
    data = rest("valideur").get(f"{copy}/@national-changes").json()
    assert [(row["field"], row["diff"], row["kept"]) for row in data["changes"] if row["field"] == "validity"] == [
        ("validity", "<del>15</del> <ins>10</ins> ans", True)
    ]
    assert any(row["kept"] for row in data["changes"]) is True  # a changed field the town edited too
    assert rest("valideur").get(copy).json()["validity"] == "Quinze ans (règle locale)"  # the town's value stays


def test_an_update_touching_no_local_field(updated, rest):
    _original, copy = updated
    assert any(row["kept"] for row in rest("valideur").get(f"{copy}/@national-changes").json()["changes"]) is False


def test_reading_changes_provenance_and_queue_writes_nothing(updated, functional, site, rest):
    original, copy = updated
    db = functional["portal"]._p_jar.db()
    reads = [(rest("valideur"), f"{url}/@national-changes", {}, "application/json") for url in (original, copy)]
    reads += [(rest("valideur"), url, {}, "text/html") for url in (original, copy)]
    reads += [(rest(), original, {"expand": "guichet"}, "application/json"), (rest("valideur"), f"{site}/@review-queue", {}, "application/json")]
    # The site's first Classic page stores what Plone computes once (as in tests/api/test_get_never_writes.py).
    rest().get(f"{site}/demarches/carte-identite", headers={"Accept": "text/html"})
    writes = []
    for session, url, params, accept in reads:
        before = db.lastTransaction()
        assert session.get(url, params=params, headers={"Accept": accept}).status_code == 200
        if db.lastTransaction() != before:
            writes.append((url, accept))
    assert writes == []
