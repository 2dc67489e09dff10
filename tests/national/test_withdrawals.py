"""Withdrawn fiches: a full package without one fiche flags it ("retirée au niveau
national": queue, staff view), present again restores it, a partial list is refused
and flags nothing; the CLI's --full sends every id it read."""

import catalogue_factory as make
from guichet_kb import clock
from national_helpers import copy_fiche
from national_helpers import FICHE
from national_helpers import publish
from national_helpers import report
from national_helpers import run
from national_helpers import url_of
import pytest
from repo_paths import SERVICE_PUBLIC


pytestmark = pytest.mark.skipif(not SERVICE_PUBLIC.is_dir(), reason="../shared/data/service-public not present")

IDS = ("F1341", "F1342", "F1344", "F11601")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
NOT_FULL = "Ceci ne ressemble pas à un paquet national complet (1 des 4 fiches importées y figurent, au moins 50 % attendus) : rien n'a été signalé."


@pytest.fixture
def package(site, tmp_path, capsys, rest, catalogue):
    """Four shared fiches imported; F1341 completed and published. The folder."""
    department = catalogue(make.department("etat-civil-essai", "État civil d'essai"))["etat-civil-essai"].UID()
    folder = tmp_path / "fiches"
    for external_id in IDS:
        copy_fiche(folder, f"{external_id}.json", FICHE.parent / f"{external_id}.json")
    assert sorted(c["id"] for c in report(site, capsys, str(folder))["created"]) == sorted(IDS)
    publish(rest, url_of(rest, site, "F1341"), department)
    return folder


def withdraw(rest, site, present, batch="essai-1", user="admin"):
    return rest(user).post(f"{site}/@service-public-withdrawals", json={"present": list(present), "batch": batch})


def queue(rest, site):
    return rest("valideur").get(f"{site}/@review-queue", params={"reason": "withdrawn"}).json()["items"]


def test_absent_fiche_flagged_then_restored(site, package, rest):
    url = url_of(rest, site, "F1341")
    response = withdraw(rest, site, ["F1342", "F1344", "F11601", "N358"])
    assert response.status_code == 200
    assert response.json() == {"withdrawn": ["F1341"], "restored": []}
    assert withdraw(rest, site, ["F1342", "F1344", "F11601"]).json() == {"withdrawn": [], "restored": []}  # nothing new
    entries = queue(rest, site)
    assert [(e["@id"], e["reason"], e["review_state"]) for e in entries] == [(url, "withdrawn", "published")]
    today = clock.today()
    assert entries[0]["details"] == [
        {
            "date": today.isoformat(),
            "batch": "essai-1",
            "external_id": "F1341",
            "comment": "La fiche Service-Public F1341 ne figure plus dans le paquet national (lot essai-1)",
        }
    ]
    assert rest().get(url).json()["review_state"] == "published"  # never unpublished automatically
    warning = (
        f"Retirée au niveau national : la fiche Service-Public F1341 ne figurait pas dans le paquet national du "
        f"{today.day} {MONTHS[today.month - 1]} {today.year} (lot essai-1). "
        "Elle n'est ni supprimée ni dépubliée automatiquement : un valideur l'archive ou la retire."
    )
    assert warning in rest("valideur").get(url, headers={"Accept": "text/html"}).text
    assert warning not in rest().get(url, headers={"Accept": "text/html"}).text
    page = rest("valideur").get(f"{site}/@@review-queue", headers={"Accept": "text/html"}).text
    assert "Retirée au niveau national" in page and f"{url}/@@guichet-transition?workflow_action=archive" in page
    assert f"{url}/@@guichet-transition?workflow_action=retract" in page
    # Present again: the flag goes.
    assert withdraw(rest, site, IDS, batch="essai-2").json() == {"withdrawn": [], "restored": ["F1341"]}
    assert queue(rest, site) == []
    assert "Retirée au niveau national" not in rest("valideur").get(url, headers={"Accept": "text/html"}).text


def test_partial_list_is_refused_and_flags_nothing(site, package, rest):
    response = withdraw(rest, site, ["F1341"])
    assert response.status_code == 400
    assert response.json() == {"error": {"type": "BadRequest", "message": NOT_FULL}}
    assert queue(rest, site) == []


@pytest.mark.parametrize(
    "body, message",
    [
        ({}, 'Attendu : {"present": [chaque identifiant de fiche du paquet, par ex. "F1341"], "batch": "..."}.'),
        ({"present": []}, 'Attendu : {"present": [chaque identifiant de fiche du paquet, par ex. "F1341"], "batch": "..."}.'),
        ({"present": "F1341"}, 'Attendu : {"present": [chaque identifiant de fiche du paquet, par ex. "F1341"], "batch": "..."}.'),
        ({"present": ["F1341", "../etc", 3]}, "Ce ne sont pas des identifiants de fiche (comme F1341) : ../etc, 3. Rien n'a été signalé."),
        ({"present": ["F1341"], "batch": "un lot"}, "« batch » doit compter de 1 à 64 lettres, chiffres ou _ . : -"),
    ],
)
def test_bad_bodies(site, rest, body, message):
    response = rest("admin").post(f"{site}/@service-public-withdrawals", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == message


def test_only_those_who_import(site, rest):
    """Site Administrators and Editors who may add sheets and answers (they run the
    import); nobody else."""
    for user in (None, "agent", "valideur"):
        assert withdraw(rest, site, IDS, user=user).status_code in (401, 403)
    assert withdraw(rest, site, IDS, user="redacteur").status_code == 200


def test_cli_full_sends_every_id_read(site, package, rest, capsys):
    (package / "F1341.json").unlink()
    capsys.readouterr()
    assert run(site, str(package), "--full") == 0
    out = capsys.readouterr().out
    assert "withdrawn nationally (flagged): F1341\npresent again (flag removed): none\n" in out
    copy_fiche(package)
    assert run(site, str(package), "--full") == 0
    assert "withdrawn nationally (flagged): none\npresent again (flag removed): F1341\n" in capsys.readouterr().out
    (package / "F1342.json").unlink()
    (package / "F1344.json").unlink()
    (package / "F11601.json").unlink()
    assert run(site, str(package), "--full") == 4
    assert "rien n'a été signalé" in capsys.readouterr().err
