"""Nothing personal in any open-data file, nor in the listing or the public page (issue
17): the fixtures' e-mail addresses and phone numbers of people — the demo agents'
accounts, the organisations' staff lines, the back-office contact of a sheet, an
e-mail and a phone number left in a "useful?" comment and in an agent's report —
appear nowhere, after the nightly job (POST @daily-rollup) regenerated the files."""

from datetime import timedelta
from guichet_kb import clock
from guichet_kb.demo.users import DEMO_USERS
from guichet_kb.facts import OPEN_DATA_FILES
from guichet_kb.interactions import store
import json
from plone import api
from public_helpers import serve_public
import requests
import transaction


COMMENT_EMAIL = "jean.dupont@example.org"
COMMENT_PHONE = "06 12 34 56 78"
REPORT_EMAIL = "agent.perso@example.org"
DEMO_STAFF_LINES = ("01 23 45 60 00", "01 23 45 70 10", "01 23 45 80 10")
BACKOFFICE = ("titres@ville-exemple.fr", "poste 6712")


def test_no_personal_data_in_any_file(rest, site, functional):
    portal = functional["portal"]
    sheet = portal["demarches"]["carte-identite"]
    store.add_report(sheet.UID(), "incorrect", f"Rappeler {REPORT_EMAIL}", "agent")
    with clock.frozen(clock.now() - timedelta(days=40)):
        for _ in range(5):
            store.add(sheet.UID(), "telephone", "answered")
    transaction.commit()  # before the HTTP requests, which write to the same log
    response = rest(None).post(
        f"{site}/@feedback", json={"uid": sheet.UID(), "useful": False, "comment": f"Écrivez-moi à {COMMENT_EMAIL} ou au {COMMENT_PHONE}"}
    )
    assert response.status_code in (201, 204), response.text
    rollup = rest("admin").post(f"{site}/@daily-rollup", json={})
    assert rollup.status_code == 200, rollup.text
    assert rollup.json()["open_data"]["files"].keys() == OPEN_DATA_FILES.keys()  # the daily job regenerated them
    texts = {name: rest(None).get(f"{site}/@open-data/{name}").content.decode("utf-8") for name in OPEN_DATA_FILES}
    texts["@open-data"] = json.dumps(rest(None).get(f"{site}/@open-data").json(), ensure_ascii=False)
    with serve_public_for(site) as public_url:
        texts["/donnees-ouvertes"] = requests.get(f"{public_url}/donnees-ouvertes", timeout=30).text
    # the files hold what they should (the search below cannot pass on empty files)
    assert (
        sheet.Title() in texts["catalogue.csv"]
        and sheet.UID() in texts["interactions-mensuelles.csv"]
        and "catalogue.csv" in texts["/donnees-ouvertes"]
    )
    with api.env.adopt_roles(["Manager"]):
        emails = [api.user.get(username=login).getProperty("email") for login in DEMO_USERS]
    needles = (*emails, *DEMO_STAFF_LINES, *BACKOFFICE, COMMENT_EMAIL, COMMENT_PHONE, REPORT_EMAIL, "Écrivez-moi", "Rappeler")
    found = {(name, needle) for name, text in texts.items() for needle in needles if needle and needle.lower() in text.lower()}
    assert found == set()


def serve_public_for(site):
    from guichet_kb.public.config import Settings

    return serve_public(Settings(plone_url=site, cache_ttl=0))
