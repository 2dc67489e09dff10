"""Cache correctness through real Varnish (issue 13's fault test).

Anonymous reads are cached per their headers and shared whatever other cookies the
callers send; authenticated ones are never stored, so a staff-only field never comes
out of Varnish to an anonymous caller; a change made through an instance reaches
anonymous callers within seconds (measured, printed); a retracted item leaves the
item's pages and the aggregate reads; an expired one too, with no write at all;
PURGE and BAN are refused outside the instances' addresses.
"""

from catalogue_factory import standalone_sheet
from DateTime import DateTime
import pytest
import requests
import time
import transaction
from varnish_helpers import OUTSIDE_ACL
from varnish_helpers import request_from
from workflow_helpers import transition


STAFF = {
    "call_script_questions": "Question-cachee-zorglub ?",
    "call_script_answer": "Reponse-cachee-zorglub.",
    "internal_notes": "Note-interne-zorglub.",
    "backoffice_contact": "poste-zorglub",
}
WORD = "zorglub"
DEADLINE = 5.0  # seconds: "within a few seconds"


@pytest.fixture
def sheet(catalogue):
    return catalogue(*standalone_sheet("fiche-zorglub", "Fiche zorglub", **STAFF))["fiche-zorglub"]


JSON = {"Accept": "application/json", "Accept-Language": "fr"}  # one Vary variant for every read


def anonymous(url, **cookies):
    return requests.get(url, headers=JSON, cookies=cookies, timeout=10)


def listed(front, path="@answer", **params):
    """The ids an aggregate read lists, read anonymously through Varnish."""
    response = requests.get(f"{front.site}/{path}", params=params, headers=JSON, timeout=10)
    assert response.status_code == 200, response.text
    return [item["@id"].rsplit("/", 1)[-1] for item in response.json().get("items", [])]


def until(check, deadline=DEADLINE):
    """Seconds until check() is true (polled every 50 ms); fails past the deadline."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < deadline, f"not seen within {deadline} s"
        time.sleep(0.05)
    return time.monotonic() - start


def test_anonymous_reads_cached_and_shared_across_cookies(front, sheet):
    url = f"{front.site}/@answer?q={WORD}"
    first = anonymous(url, _ga="GA1.2.111")
    second = anonymous(url, _ga="GA1.2.222", _pk_id="other")
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Cache"] == "MISS"
    assert second.headers["X-Cache"] == "HIT"  # another client, other cookies: the same copy
    assert second.json() == first.json()
    page = f"{front.pages}/demarches/fiche-zorglub"
    assert requests.get(page, timeout=10).headers["X-Cache"] == "MISS"
    again = requests.get(page, cookies={"_ga": "x"}, timeout=10)
    assert again.status_code == 200 and again.headers["X-Cache"] == "HIT"
    assert "Fiche zorglub" in again.text


def test_staff_reads_never_stored_and_never_served_to_anonymous(front, rest, sheet):
    urls = [f"{front.site}/demarches/fiche-zorglub", f"{front.site}/++api++/demarches/fiche-zorglub", f"{front.site}/@answer?q={WORD}"]
    for url in urls:
        for _ in range(2):  # twice: the second would be a HIT if the first were stored
            staff = rest("agent").get(url)
            assert staff.status_code == 200 and staff.headers["X-Cache"] == "MISS"
        assert "Question-cachee-zorglub" in rest("agent").get(f"{front.site}/++api++/demarches/fiche-zorglub").text
        cookie = requests.get(url, headers={"Accept": "application/json"}, cookies={"__ac": "forged"}, timeout=10)
        assert cookie.headers["X-Cache"] == "MISS"  # a login cookie is passed, never looked up
        for _ in range(2):
            public = anonymous(url)
            assert public.status_code == 200
            for marker in STAFF.values():
                assert marker not in public.text, (url, marker)
    page = requests.get(f"{front.pages}/demarches/fiche-zorglub", timeout=10)
    assert page.status_code == 200 and not any(marker in page.text for marker in STAFF.values())
    # None of these GETs purged anything (GET never writes): the anonymous copy is still there.
    assert anonymous(f"{front.site}/@answer?q={WORD}").headers["X-Cache"] == "HIT"


def test_published_change_reaches_anonymous_callers_within_seconds(front, rest, sheet):
    item = f"{front.site}/++api++/demarches/fiche-zorglub"
    page = f"{front.pages}/demarches/fiche-zorglub"
    for _ in range(2):  # warm every cached form
        assert WORD in listed(front, q=WORD)[0]
        assert requests.get(page, timeout=10).status_code == 200
    assert requests.get(page, timeout=10).headers["X-Cache"] == "HIT"
    assert anonymous(f"{front.site}/@answer?q={WORD}").headers["X-Cache"] == "HIT"
    api_answer = f"{front.site}/++api++/@answer?q={WORD}"
    assert anonymous(api_answer).status_code == 200 and anonymous(api_answer).headers["X-Cache"] == "HIT"
    edit = rest("admin").patch(f"{front.site}/demarches/fiche-zorglub", json={"title": "Fiche zorglub modifiée"})
    assert edit.status_code == 204, edit.text
    seen = {
        "item (++api++)": until(lambda: anonymous(item).json()["title"] == "Fiche zorglub modifiée"),
        "@answer": until(lambda: "Fiche zorglub modifiée" in [i["title"] for i in anonymous(f"{front.site}/@answer?q={WORD}").json()["items"]]),
        "++api++/@answer": until(lambda: "Fiche zorglub modifiée" in [i["title"] for i in anonymous(api_answer).json()["items"]]),
        "public page": until(lambda: "Fiche zorglub modifiée" in requests.get(page, timeout=10).text),
    }
    print("\nedit -> seen through Varnish (s):", {name: round(seconds, 3) for name, seconds in seen.items()})
    assert requests.get(page, timeout=10).headers["X-Cache"] == "HIT"  # cached again afterwards


def test_retracted_item_leaves_cached_pages_and_lists(front, rest, sheet):
    page = f"{front.pages}/demarches/fiche-zorglub"
    for _ in range(2):
        assert "fiche-zorglub" in listed(front, q=WORD)
        assert "fiche-zorglub" in listed(front, "@search", SearchableText=WORD)
        assert requests.get(page, timeout=10).status_code == 200
    assert requests.get(page, timeout=10).headers["X-Cache"] == "HIT"
    retracted = transition(rest, "valideur", f"{front.site}/demarches/fiche-zorglub", "retract")
    assert retracted.status_code == 200, retracted.text
    seconds = until(lambda: requests.get(page, timeout=10).status_code == 404)
    print(f"\nretract -> public page 404 through Varnish after {seconds:.3f} s")
    assert anonymous(f"{front.site}/++api++/demarches/fiche-zorglub").status_code in (401, 404)
    assert "fiche-zorglub" not in listed(front, q=WORD)
    assert "fiche-zorglub" not in listed(front, "@search", SearchableText=WORD)


def test_deleted_item_leaves_cached_pages_and_lists(front, rest, sheet):
    page = f"{front.pages}/demarches/fiche-zorglub"
    for _ in range(2):
        assert "fiche-zorglub" in listed(front, q=WORD)
        assert requests.get(page, timeout=10).status_code == 200
    assert requests.get(page, timeout=10).headers["X-Cache"] == "HIT"
    deleted = rest("admin").delete(f"{front.site}/demarches/fiche-zorglub")
    assert deleted.status_code == 204, deleted.text
    seconds = until(lambda: requests.get(page, timeout=10).status_code == 404)
    print(f"\ndelete -> public page 404 through Varnish after {seconds:.3f} s")
    assert "fiche-zorglub" not in listed(front, q=WORD)


def test_saving_a_draft_bans_nothing(front, rest, sheet):
    from plone import api

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(sheet, "retract")
    transaction.commit()
    reads = [f"{front.site}/@top-services", f"{front.site}/@answer?q=passeport"]
    for _ in range(2):
        assert all(anonymous(url).status_code == 200 for url in reads)
        assert requests.get(f"{front.pages}/", timeout=10).status_code == 200
    edit = rest("admin").patch(f"{front.site}/demarches/fiche-zorglub", json={"title": "Brouillon zorglub"})
    assert edit.status_code == 204, edit.text
    time.sleep(0.5)  # a BAN would have arrived by now (the others take < 0.2 s)
    assert [anonymous(url).headers["X-Cache"] for url in reads] == ["HIT", "HIT"]
    assert requests.get(f"{front.pages}/", timeout=10).headers["X-Cache"] == "HIT"


def test_expired_item_leaves_cached_reads_without_any_write(front, sheet):
    # The catalog keeps dates to the minute (window.py): expiring one second before a
    # minute starts, the item leaves the item reads at once and the lists at that minute.
    minute = (int(time.time()) + 8) // 60 * 60 + 60
    # Within the reads' normal s-maxage (60 s), or there is nothing to cap: wait for that.
    time.sleep(max(0.0, minute - time.time() - 55))
    sheet.setExpirationDate(DateTime(minute - 1))
    sheet.reindexObject()
    transaction.commit()
    page = f"{front.pages}/demarches/fiche-zorglub"
    answer = f"{front.site}/@answer?q={WORD}"
    for _ in range(2):
        assert "fiche-zorglub" in listed(front, q=WORD)
        response = requests.get(page, timeout=10)
        assert response.status_code == 200
    assert response.headers["X-Cache"] == "HIT"
    cached = anonymous(answer)
    assert cached.headers["X-Cache"] == "HIT"
    # Kept no longer than the change: s-maxage (and the page's max-age) capped, no grace.
    left = minute - time.time()
    assert "stale-while-revalidate=0" in cached.headers["Cache-Control"]
    assert int(cached.headers["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= left
    assert int(response.headers["Cache-Control"].split("max-age=")[1].split(",")[0]) <= left
    print(f"\nexpiry in {left - 1:.1f} s; cached answer {cached.headers['Cache-Control']}; page {response.headers['Cache-Control']}")
    time.sleep(max(0.0, minute - 1 - time.time()))
    page_gone = until(lambda: requests.get(page, timeout=10).status_code == 404, deadline=2)
    time.sleep(max(0.0, minute - time.time()))
    list_gone = until(lambda: "fiche-zorglub" not in listed(front, q=WORD), deadline=2)
    print(f"expiry -> public page 404 after {page_gone:.3f} s, gone from @answer {list_gone:.3f} s after the catalog's minute")


def test_purge_and_ban_refused_outside_the_acl(front):
    port = int(front.api.rsplit(":", 1)[1])
    path = f"{front.site_path}/@top-services"
    assert anonymous(front.api + path).status_code == 200
    assert anonymous(front.api + path).headers["X-Cache"] == "HIT"
    assert request_from(OUTSIDE_ACL, port, "PURGE", path)[0] == 405
    assert request_from(OUTSIDE_ACL, port, "BAN", "/", {"X-Ban-Url": "."})[0] == 405
    assert anonymous(front.api + path).headers["X-Cache"] == "HIT"  # nothing was dropped
    assert request_from("127.0.0.1", port, "BAN", "/")[0] == 400  # a BAN names what it drops
    assert request_from("127.0.0.1", port, "PURGE", path)[0] == 200
    assert anonymous(front.api + path).headers["X-Cache"] == "MISS"


def test_purge_drops_the_path_under_every_host(front):
    port = int(front.api.rsplit(":", 1)[1])
    path = f"{front.site_path}/@top-services"
    hosts = (f"127.0.0.1:{port}", f"localhost:{port}")
    for host in hosts:
        for _ in range(2):
            status, headers = request_from("127.0.0.1", port, "GET", path, {"Host": host, "Accept": "application/json"})
        assert status == 200 and headers["X-Cache"] == "HIT"
    # plone.cachepurging names the proxy's own address as Host; the copies were stored under others.
    assert request_from("127.0.0.1", port, "PURGE", path, {"Host": "front.invalid"})[0] == 200
    for host in hosts:
        assert request_from("127.0.0.1", port, "GET", path, {"Host": host, "Accept": "application/json"})[1]["X-Cache"] == "MISS"
