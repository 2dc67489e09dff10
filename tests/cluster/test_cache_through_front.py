"""Cache correctness through the whole stack (issue 13): Varnish in front of HAProxy,
purged by the instances (plone.cachepurging + guichet_kb.caching), the public copies
reading the API through Varnish. Changes are made on one instance's own port; what
anonymous callers get is read through the front. tests/caching covers the rules one
by one against a single server."""

import json
import requests
import time
import uuid


SHEET = "demarches/carte-identite"
STAFF_FIELDS = ("call_script_questions", "call_script_answer", "internal_notes")
STAFF_TEXT = "Ne jamais garantir"  # the demo sheet's internal note


def _session(auth=None):
    session = requests.Session()
    session.auth = auth
    session.headers["Accept"] = "application/json"
    return session


def _until(check, timeout=10):
    """Seconds until check() is true (AssertionError after timeout)."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"not seen within {timeout} s")
        time.sleep(0.05)
    return time.monotonic() - started


def _cached_twice(url, **kwargs):
    first = requests.get(url, timeout=30, **kwargs)
    second = requests.get(url, timeout=30, **kwargs)
    assert first.status_code == second.status_code == 200, (url, first.status_code, second.status_code)
    assert second.headers.get("X-Cache") == "HIT", (url, second.headers)
    return second


def test_an_edit_through_one_instance_is_seen_through_the_front_and_staff_fields_stay_out(cluster):
    admin, anonymous = _session(("admin", "admin")), _session()
    api = f"{cluster.site_url}/++api++/{SHEET}"
    page = f"{cluster.front_url}/{SHEET}"
    answer = f"{cluster.site_url}/++api++/@answer?q=carte+identite"
    staff = admin.get(api, timeout=30)  # an authenticated read first: never stored
    assert staff.status_code == 200 and STAFF_TEXT in staff.json()["internal_notes"]
    # The item itself is not cacheable (plone.restapi sends no caching headers for it);
    # @answer is, and both must be anonymous views whatever Varnish holds.
    _cached_twice(answer, headers={"Accept": "application/json"})
    for url in (api, answer):
        cached = anonymous.get(url, timeout=30)
        assert [field for field in STAFF_FIELDS if field in cached.text] == [] and STAFF_TEXT not in cached.text
    _cached_twice(page)

    title = f"Carte nationale d’identité ({uuid.uuid4().hex[:6]})"  # nothing HTML would escape
    original = admin.get(f"{cluster.instance_url(1)}/{SHEET}", timeout=30).json()["title"]
    assert admin.patch(f"{cluster.instance_url(1)}/{SHEET}", json={"title": title}, timeout=30).status_code == 204
    try:
        seen = {
            "++api++ item": _until(lambda: anonymous.get(api, timeout=10).json().get("title") == title),
            "@answer": _until(lambda: title in json.dumps(anonymous.get(answer, timeout=10).json(), ensure_ascii=False)),
            "public page": _until(lambda: title in requests.get(page, timeout=10).text),
        }
        print("\nedit through instance 1, seen through the front after: " + ", ".join(f"{k} {v:.2f} s" for k, v in seen.items()))
        assert max(seen.values()) < 5
    finally:
        admin.patch(f"{cluster.instance_url(1)}/{SHEET}", json={"title": original}, timeout=30)


def test_a_retracted_sheet_leaves_the_cached_pages(cluster):
    admin, valideur = _session(("admin", "admin")), _session(("valideur", "guichet-demo"))
    sheet = "demarches/passeport"
    page, api = f"{cluster.front_url}/{sheet}", f"{cluster.site_url}/++api++/{sheet}"
    answer = f"{cluster.site_url}/++api++/@answer?q=passeport"
    _cached_twice(page)
    _cached_twice(answer, headers={"Accept": "application/json"})
    uid = requests.get(api, headers={"Accept": "application/json"}, timeout=30).json()["UID"]
    assert uid in requests.get(answer, headers={"Accept": "application/json"}, timeout=30).text
    retracted = admin.post(f"{cluster.instance_url(2)}/{sheet}/@workflow/retract", json={"comment": "Test du cluster."}, timeout=30)
    assert retracted.status_code == 200, retracted.text
    try:
        gone = {
            "public page": _until(lambda: requests.get(page, timeout=10).status_code == 404),
            "++api++ item": _until(lambda: requests.get(api, headers={"Accept": "application/json"}, timeout=10).status_code in (401, 404)),
            "@answer": _until(lambda: uid not in requests.get(answer, headers={"Accept": "application/json"}, timeout=10).text),
        }
        print("\nretract through instance 2, gone from the front after: " + ", ".join(f"{k} {v:.2f} s" for k, v in gone.items()))
        assert max(gone.values()) < 5
    finally:
        for transition in ("submit", "publish"):
            who = admin if transition == "submit" else valideur
            done = who.post(f"{cluster.instance_url(1)}/{sheet}/@workflow/{transition}", json={"comment": "Test du cluster."}, timeout=30)
            assert done.status_code == 200, done.text
