"""Two instances on one RelStorage database see each other's writes (issue 13: a sheet
published through instance A is served by instance B within 2 s)."""

import requests
import time
import uuid


SHEET = "demarches/objets-trouves"
BOUND = 2.0  # seconds


def session(user=None, password=None):
    http = requests.Session()
    http.headers.update({"Accept": "application/json", "Accept-Language": "fr"})
    if user:
        http.auth = (user, password)
    return http


def test_a_sheet_published_through_one_instance_is_served_by_the_other(cluster):
    a, b = cluster.instance_url(1), cluster.instance_url(2)
    admin = session("admin", "admin")
    redacteur, valideur = session("redacteur", "guichet-demo"), session("valideur", "guichet-demo")
    anonymous = session()
    title = f"Objets trouvés ({uuid.uuid4().hex[:6]})"

    assert admin.post(f"{a}/{SHEET}/@workflow/retract", json={"comment": "Test du cluster."}).status_code == 200
    assert anonymous.get(f"{b}/{SHEET}").status_code in (401, 403, 404)
    assert admin.patch(f"{a}/{SHEET}", json={"title": title}).status_code == 204
    assert redacteur.post(f"{a}/{SHEET}/@workflow/submit", json={}).status_code == 200
    published = valideur.post(f"{a}/{SHEET}/@workflow/publish", json={"comment": "Test du cluster."})
    assert published.status_code == 200, published.text
    start = time.monotonic()

    while True:
        seen = anonymous.get(f"{b}/{SHEET}")
        delay = time.monotonic() - start
        if seen.status_code == 200 and seen.json()["title"] == title:
            break
        assert delay < BOUND, f"instance 2 still answers {seen.status_code} after {delay:.2f} s"
        time.sleep(0.02)
    print(f"\npublished through instance 1, served by instance 2 after {delay:.3f} s")
    assert seen.json()["review_state"] == "published"
