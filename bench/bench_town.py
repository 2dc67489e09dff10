"""Bench fixture (over REST, the server running): the town a benchmark site needs
to publish imported fiches through the real workflow.

Usage: bench_town.py URL USER PASSWORD
Creates the bench agent (`bench-agent`, the Agent role, password BENCH_AGENT_PASSWORD
or the constant below: search_bench.py logs in with it as the CLI does), one
department and one desk (complete, published by the administrator with
the recorded four-eyes override) and sets the import profile: the department by
default, the desk for every DILA pivot-local code and every audience (so that
fiches naming no local body get it too). `guichet-kb import-service-public
--publish` then publishes every complete fiche as a town would (no state written
directly). Idempotent: what exists is kept.
"""

from guichet_kb.facts import AUDIENCES
from guichet_kb.importers.pivots import PIVOT_LOCAL
import os
import requests
import sys


# The user the search benchmark logs in as: an agent, as the console and the CLI.
AGENT_LOGIN = "bench-agent"
AGENT_ROLES = ["Agent"]
DEFAULT_AGENT_PASSWORD = "bench-agent-password"  # a local benchmark site only
COMMENT = "Banc d'essai : ville de mesure (bench/bench_town.py)"
HOURS = [{"day": day, "opens": "08:30", "closes": "17:00"} for day in ("monday", "tuesday", "wednesday", "thursday", "friday")]
ITEMS = (
    (
        "services",
        {
            "@type": "Department",
            "id": "service-banc",
            "title": "Service du banc d'essai",
            "description": "Service de mesure.",
            "phone": "01 00 00 00 00",
        },
    ),
    (
        "guichets",
        {
            "@type": "Desk",
            "id": "guichet-banc",
            "title": "Guichet du banc d'essai",
            "street": "1 place du Banc",
            "postal_code": "99000",
            "city": "Banc",
            "phone": "01 00 00 00 00",
            "opening_hours": HOURS,
        },
    ),
)


def fail(message):
    sys.exit(f"bench_town: {message}")


def ensure(session, url, folder, data):
    """The item's UID, created and published if missing."""
    item_url = f"{url}/{folder}/{data['id']}"
    found = session.get(item_url)
    if found.status_code == 404:
        created = session.post(f"{url}/{folder}", json=data)
        if created.status_code != 201:
            fail(f"cannot create {data['id']}: {created.status_code} {created.text[:300]}")
        found = session.get(item_url)
    item = found.json()
    if item.get("review_state") != "published":
        for transition, body in (("submit", {}), ("publish", {"comment": COMMENT})):
            done = session.post(f"{item_url}/@workflow/{transition}", json=body)
            if done.status_code != 200:
                fail(f"{transition} {data['id']}: {done.status_code} {done.text[:300]}")
    return item["UID"]


def agent_password():
    return os.environ.get("BENCH_AGENT_PASSWORD") or DEFAULT_AGENT_PASSWORD


def ensure_agent(session, url):
    """The bench agent, created if missing; an existing one gets the Agent role and
    the current password back (like the demo accounts on re-runs)."""
    found = session.get(f"{url}/@users/{AGENT_LOGIN}")
    if found.status_code == 404:
        data = {
            "username": AGENT_LOGIN,
            "email": f"{AGENT_LOGIN}@banc.invalid",
            "fullname": "Agent du banc d'essai",
            "password": agent_password(),
            "roles": AGENT_ROLES,
        }
        created = session.post(f"{url}/@users", json=data)
        if created.status_code != 201:
            fail(f"cannot create {AGENT_LOGIN}: {created.status_code} {created.text[:300]}")
        return
    if found.status_code != 200:
        fail(f"cannot read {AGENT_LOGIN}: {found.status_code} {found.text[:300]}")
    update = {"password": agent_password(), "roles": {role: True for role in AGENT_ROLES}}
    done = session.patch(f"{url}/@users/{AGENT_LOGIN}", json=update)
    if done.status_code != 204:
        fail(f"cannot update {AGENT_LOGIN}: {done.status_code} {done.text[:300]}")


def main(url, user, password):
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    session.auth = (user, password)
    ensure_agent(session, url)
    department, desk = (ensure(session, url, folder, data) for folder, data in ITEMS)
    profile = {
        "department": department,
        "desks_by_pivot": {code: [desk] for code in PIVOT_LOCAL},
        "by_audience": {audience: {"desks": [desk]} for audience in AUDIENCES},  # fiches naming no local body
    }
    response = session.patch(f"{url}/@import-profile", json=profile)
    if response.status_code != 200:
        fail(f"import profile refused: {response.status_code} {response.text[:300]}")
    print(f"bench town ready: agent {AGENT_LOGIN}, 1 department, 1 desk for {len(PIVOT_LOCAL)} pivot-local codes and every audience")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: bench_town.py URL USER PASSWORD")
    main(*sys.argv[1:])
