"""The queue benchmark's data (run with `zconsole run`, server stopped): the bench's own
department, desk, two sheets and one queue, published (demo/loader.py, as the demo's
queues), the accounts, and what bench/queue_bench.py needs written to BENCH_DATA (JSON).

- the desk `bench-file-mairie` is open every day 00:00-23:59 (the bench runs at any hour
  of the day, in the portal's zone);
- its queue has two services (prefixes C and E) and 10 counters serving both; the
  default service time is 1 minute and the notice `BENCH_NOTIFY_MINUTES` (1) minute
  before the call: the bench compresses time 10 times (the 10 minutes of the site's
  default notice become one);
- the accounts: a kiosk (role Kiosk: takes tickets, no rate limit), 10 agents (role
  Agent), one per counter; the notice job runs as the Site's admin.

The people are invented (example.org addresses, given by the bench when it takes the
tickets); the site is thrown away with its var directory. Environment: SITE_ID
(guichet), BENCH_DATA (output path), DEMO_PASSWORD (the accounts' password).
"""

from AccessControl.SecurityManagement import newSecurityManager
from guichet_kb.demo.loader import load
from guichet_kb.facts import ITEM_FOLDER
from guichet_kb.facts import WEEKDAYS
import json
import os
from plone import api
from Testing.makerequest import makerequest
import transaction
from zope.component.hooks import setSite
from zope.globalrequest import setRequest


COUNTERS = 10
NOTIFY_MINUTES = int(os.environ.get("BENCH_NOTIFY_MINUTES", 1))
TOWN = "ville-exemple"  # the demo town's organisation
PASSWORD = os.environ.get("DEMO_PASSWORD", "bench-demo")


def sheet(id, title):
    return {
        "id": id,
        "title": title,
        "description": f"{title} : démarche du banc d'essai de la file d'attente.",
        "eligibility": "<p>Tout le monde.</p>",
        "channels": ["on_site"],
        "no_document_needed": True,
        "department": "bench-file-service",
        "desks": ["bench-file-mairie"],
        "competences": [{"organisation": TOWN, "case": None}],
    }


def catalogue():
    town = {"id": TOWN, "title": "Commune de Ville-Exemple", "description": "La commune.", "kind": "commune", "phone": "01 00 00 00 00"}
    return {
        "organisations": [town],  # the demo's (found, not created): the items' references name it
        "departments": [{"id": "bench-file-service", "title": "Accueil (banc d'essai)", "description": "Banc d'essai.", "phone": "01 00 00 00 19"}],
        "desks": [
            {
                "id": "bench-file-mairie",
                "title": "Mairie de la file d'essai",
                "street": "1 place du Banc d'essai",
                "postal_code": "99000",
                "city": "Ville-Exemple",
                "phone": "01 00 00 00 19",
                "opening_hours": [{"day": day, "opens": "00:00", "closes": "23:59"} for day in WEEKDAYS],
                "organisation": TOWN,
            }
        ],
        "sheets": [
            sheet("bench-file-titres", "Titres d'identité (file d'essai)"),
            sheet("bench-file-etat-civil", "Actes d'état civil (file d'essai)"),
        ],
        "queues": [
            {
                "id": "bench-file",
                "title": "Accueil sans rendez-vous (banc d'essai)",
                "desk": "bench-file-mairie",
                "services": [
                    {"service": "bench-file-titres", "prefix": "C", "minutes": 1},
                    {"service": "bench-file-etat-civil", "prefix": "E", "minutes": 1},
                ],
                "counters": [{"code": f"g{n}", "label": f"Guichet {n}", "prefixes": ""} for n in range(1, COUNTERS + 1)],
                "daily_capacity": 0,
                "grace_minutes": 1,
                "notify_minutes": NOTIFY_MINUTES,
            }
        ],
    }


def account(login, fullname, role):
    if api.user.get(username=login) is None:
        api.user.create(username=login, email=f"{login}@example.org", password=PASSWORD, properties={"fullname": fullname})
    api.user.grant_roles(username=login, roles=[role])
    return [login, PASSWORD]


def main(app):
    site = makerequest(app)[os.environ.get("SITE_ID", "guichet")]
    setSite(site)
    setRequest(site.REQUEST)
    users = app.acl_users
    newSecurityManager(None, users.getUser("admin").__of__(users))
    items = catalogue()
    with api.env.adopt_roles(["Manager"]):
        load(site, items)
        kiosk = account("bench-borne", "Borne du banc d'essai", "Kiosk")
        agents = [account(f"bench-agent-{n}", f"Agent {n} du banc d'essai", "Agent") for n in range(1, COUNTERS + 1)]
    transaction.commit()
    folder = site[ITEM_FOLDER["Queue"]]
    queue = folder["bench-file"]
    sheets = site[ITEM_FOLDER["ServiceSheet"]]
    data = {
        "queue": queue.UID(),
        "desk": folder["bench-file-mairie"].UID(),
        "services": [sheets[row["id"]].UID() for row in items["sheets"]],
        "counters": [row["code"] for row in items["queues"][0]["counters"]],
        "notify_minutes": NOTIFY_MINUTES,
        "kiosk": kiosk,
        "agents": agents,
    }
    print(f"\n## Queue data: desk {data['desk']}, queue {data['queue']} with {COUNTERS} counters, notice {NOTIFY_MINUTES} min before the call")
    with open(os.environ["BENCH_DATA"], "w", encoding="utf-8") as file:
        json.dump(data, file, indent=1)


main(app)  # noqa: F821 (zconsole)
