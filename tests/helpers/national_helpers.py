"""A real shared fiche (F1341) imported, published and updated nationally, for the
tests of national changes, withdrawals and provenance (tests/national)."""

from guichet_kb.agent.cli import main as cli
import json
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from repo_paths import SERVICE_PUBLIC
import shutil


FICHE = SERVICE_PUBLIC / "particuliers" / "F1341.json"
OLD_SENTENCE = "Votre présence est indispensable  pour procéder à la prise d'empreintes."
NEW_SENTENCE = "Votre présence est obligatoire pour la prise d'empreintes."
OLD_DATE, NEW_DATE = "2019-08-28", "2020-11-05"


def run(site, *args):
    return cli(["--url", site, "--user", SITE_OWNER_NAME, "--password", SITE_OWNER_PASSWORD, "import-service-public", *args])


def report(site, capsys, *args):
    capsys.readouterr()
    assert run(site, *args, "--json") == 0
    return json.loads(capsys.readouterr().out)


def copy_fiche(folder, name="F1341.json", source=FICHE):
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, folder / name)
    return folder / name


def update_nationally(path):
    """The fiche as DILA would send it later: one sentence reworded, a new dc:date."""
    text = path.read_text(encoding="utf-8")
    assert OLD_SENTENCE in text and text.count(OLD_DATE) == 1
    path.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE, 1).replace(OLD_DATE, NEW_DATE), encoding="utf-8")


def url_of(rest, site, external_id):
    items = rest("admin").get(f"{site}/@search", params={"external_id": external_id}).json()["items"]
    originals = [i["@id"] for i in items if "copy_of" not in i["@id"]]
    return originals[0]


ELIGIBILITY = "Toute personne majeure de nationalité française."


def publish(rest, url, department_uid):
    """Complete the imported sheet with the town's department and its own "who is
    concerned" (F1341 has none), then four eyes: the administrator submits, the
    reviewer publishes."""
    admin = rest("admin")
    eligibility = {"data": f"<p>{ELIGIBILITY}</p>", "content-type": "text/html", "encoding": "utf-8"}
    assert admin.patch(url, json={"department": department_uid, "eligibility": eligibility}).status_code == 204
    assert admin.post(f"{url}/@workflow/submit", json={}).status_code == 200
    response = rest("valideur").post(f"{url}/@workflow/publish", json={})
    assert response.status_code == 200, response.text
