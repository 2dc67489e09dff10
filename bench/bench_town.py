"""Bench fixture (over REST, the server running): the town a benchmark site needs
to publish imported fiches through the real workflow.

Usage: bench_town.py URL USER PASSWORD
Creates one department and one desk (complete, published by the administrator with
the recorded four-eyes override) and sets the import profile: the department by
default, the desk for every DILA pivot-local code and every audience (so that
fiches naming no local body get it too). `guichet-kb import-service-public
--publish` then publishes every complete fiche as a town would (no state written
directly). Idempotent: what exists is kept.
"""

from guichet_kb.facts import AUDIENCES
from guichet_kb.importers.pivots import PIVOT_LOCAL
import requests
import sys


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


def main(url, user, password):
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    session.auth = (user, password)
    department, desk = (ensure(session, url, folder, data) for folder, data in ITEMS)
    profile = {
        "department": department,
        "desks_by_pivot": {code: [desk] for code in PIVOT_LOCAL},
        "by_audience": {audience: {"desks": [desk]} for audience in AUDIENCES},  # fiches naming no local body
    }
    response = session.patch(f"{url}/@import-profile", json=profile)
    if response.status_code != 200:
        fail(f"import profile refused: {response.status_code} {response.text[:300]}")
    print(f"bench town ready: 1 department, 1 desk for {len(PIVOT_LOCAL)} pivot-local codes and every audience")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: bench_town.py URL USER PASSWORD")
    main(*sys.argv[1:])
