"""Service notices through real Varnish: a notice reaches anonymous callers within
seconds (the write purges like an edit), and leaves at its end with no write at all
(the read services' freshness is capped at that moment: caching/window.py).

Run with GUICHET_CACHING_TEST_PORT in the session's port range (the stack takes
that port and the next four).
"""

from datetime import timedelta
from guichet_kb import clock
import pytest
import requests
import time


DEADLINE = 5.0  # seconds: "visible everywhere within a minute", measured in seconds
WORD = "zorglub"
JSON = {"Accept": "application/json", "Accept-Language": "fr"}
REASON = "Rendez-vous zorglub suspendus"


@pytest.fixture
def sheet(catalogue):
    from catalogue_factory import standalone_sheet

    return catalogue(*standalone_sheet("fiche-zorglub", "Fiche zorglub"))["fiche-zorglub"]


def anonymous(url):
    return requests.get(url, headers=JSON, timeout=10)


def answer_notices(front):
    items = anonymous(f"{front.site}/@answer?q={WORD}").json()["items"]
    return [n["reason"] for i in items for n in i.get("notices", [])]


def until(check, deadline=DEADLINE):
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < deadline, f"not seen within {deadline} s"
        time.sleep(0.05)
    return time.monotonic() - start


def warm(front, page):
    for _ in range(2):
        assert answer_notices(front) == []
        assert requests.get(page, timeout=10).status_code == 200
    assert anonymous(f"{front.site}/@answer?q={WORD}").headers["X-Cache"] == "HIT"
    assert requests.get(page, timeout=10).headers["X-Cache"] == "HIT"


def test_a_notice_reaches_anonymous_callers_within_seconds(front, rest, sheet):
    item = f"{front.site}/++api++/demarches/fiche-zorglub"
    page = f"{front.pages}/demarches/fiche-zorglub"
    warm(front, page)
    assert anonymous(item).json()["notices"] == []
    created = rest("redacteur").post(f"{front.site}/demarches/fiche-zorglub/@notices", json={"kind": "suspended", "reason": REASON})
    assert created.status_code == 201, created.text
    seen = {
        "@answer": until(lambda: answer_notices(front) == [REASON]),
        "item (++api++)": until(lambda: [n["reason"] for n in anonymous(item).json()["notices"]] == [REASON]),
        "public page": until(lambda: REASON in requests.get(page, timeout=10).text),
    }
    print("\nnotice -> seen through Varnish (s):", {name: round(s, 3) for name, s in seen.items()})
    withdrawn = rest("redacteur").delete(created.json()["@id"])
    assert withdrawn.status_code == 204
    gone = until(lambda: answer_notices(front) == [] and REASON not in requests.get(page, timeout=10).text)
    print(f"withdrawn -> gone through Varnish after {gone:.3f} s")


def test_a_notice_leaves_at_its_end_without_any_write(front, rest, sheet):
    page = f"{front.pages}/demarches/fiche-zorglub"
    item = f"{front.site}/++api++/demarches/fiche-zorglub"
    end = clock.now() + timedelta(seconds=12)
    body = {"kind": "disrupted", "reason": REASON, "end": end.isoformat()}
    assert rest("redacteur").post(f"{front.site}/demarches/fiche-zorglub/@notices", json=body).status_code == 201
    for _ in range(2):
        assert answer_notices(front) == [REASON]
        assert [n["reason"] for n in anonymous(item).json()["notices"]] == [REASON]
        response = requests.get(page, timeout=10)
        assert REASON in response.text
    cached = anonymous(f"{front.site}/@answer?q={WORD}")
    assert cached.headers["X-Cache"] == "HIT" and response.headers["X-Cache"] == "HIT"
    left = end.timestamp() - time.time()
    # Kept no longer than the end: s-maxage (and the page's max-age) capped, no grace copy.
    # A cached copy's lifetime counts from when it was made: what is left of it is the
    # header's value less its Age; headers are whole seconds (1 s of rounding).
    assert "stale-while-revalidate=0" in cached.headers["Cache-Control"]
    for copy, name in ((cached, "s-maxage="), (response, "max-age=")):
        lifetime = int(copy.headers["Cache-Control"].split(name)[1].split(",")[0])
        assert lifetime - int(copy.headers.get("Age") or 0) <= left + 1, (name, lifetime, copy.headers.get("Age"), left)
    time.sleep(max(0.0, end.timestamp() - time.time()))
    gone = {
        "@answer": until(lambda: answer_notices(front) == [], deadline=2),
        "public page": until(lambda: REASON not in requests.get(page, timeout=10).text, deadline=2),
        "item (++api++)": until(lambda: anonymous(item).json()["notices"] == [], deadline=2),
    }
    print(f"\nend -> gone through Varnish without a write (s after the end): { {k: round(v, 3) for k, v in gone.items()} }")
