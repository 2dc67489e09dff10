"""The public site's search beacon: each /recherche page with a query posts @search-log
after the page is sent (stubbed Plone), and on the real demo site it is counted."""

from datetime import timedelta
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.public.app import create_app
from guichet_kb.public.config import Settings
from guichet_kb.search import logs
import httpx
import json
from public_helpers import free_port
from public_helpers import serve_public
import pytest
import requests
from starlette.testclient import TestClient
import time
import transaction


BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Firefox/128.0"}
ITEMS = [{"@id": f"http://plone.test/guichet/demarches/velo-{i}", "UID": str(i) * 32, "title": f"Vélo {i}"} for i in (1, 2)]
PUBLIC_PORT = free_port()


class Plone:
    """A stub REST API: @answer finds two items for "velo…", none otherwise, refuses "refus"."""

    def __init__(self):
        self.posts = []

    async def __call__(self, request):
        if request.method == "POST":
            self.posts.append((request.url.path, json.loads(request.content), request.headers.get("x-forwarded-for")))
            return httpx.Response(204)
        if request.url.path == "/guichet/@answer":
            q = request.url.params["q"]
            if q == "refus":
                return httpx.Response(400, json={"error": {"type": "BadRequest", "message": "non"}})
            items = ITEMS if q.lower().startswith("v") else []
            return httpx.Response(200, json={"items": items, "items_total": len(items), "family": None})
        if request.url.path == "/guichet":
            return httpx.Response(200, json={"title": "Ville-Test"})
        return httpx.Response(404, json={"error": {"type": "NotFound"}})


@pytest.fixture
def plone():
    return Plone()


@pytest.fixture
def client(plone):
    settings = Settings(plone_url="http://plone.test/guichet", cache_ttl=0.05)
    with TestClient(create_app(settings, transport=httpx.MockTransport(plone)), raise_server_exceptions=False) as c:
        yield c


def test_a_search_page_posts_one_beacon_with_its_results_count(client, plone):
    assert client.get("/recherche", params={"q": "  Vélo   électrique "}, headers=BROWSER).status_code == 200
    assert client.get("/recherche", params={"q": "piscine"}, headers=BROWSER).status_code == 200
    assert plone.posts == [
        ("/guichet/@search-log", {"query": "Vélo électrique", "source": "public", "results": 2}, "testclient"),
        ("/guichet/@search-log", {"query": "piscine", "source": "public", "results": 0}, "testclient"),
    ]


def test_no_beacon_without_a_query_for_suggestions_robots_or_a_refused_search(client, plone):
    assert client.get("/recherche", headers=BROWSER).status_code == 200
    assert client.get("/recherche", params={"q": "   "}, headers=BROWSER).status_code == 200
    assert client.get("/recherche.json", params={"q": "velo"}, headers=BROWSER).json()["items"]  # search as you type
    assert client.get("/recherche", params={"q": "velo"}, headers={"User-Agent": "Googlebot/2.1"}).status_code == 200
    assert client.get("/recherche", params={"q": "refus"}, headers=BROWSER).status_code == 200
    assert plone.posts == []


@pytest.fixture
def public(site):
    ratelimit.clear()
    with serve_public(Settings(plone_url=site, cache_ttl=1), port=PUBLIC_PORT) as url:
        yield url


def test_the_demo_counts_a_public_search_and_its_gap(public, rest, site):
    found = rest().get(f"{site}/@answer", params={"q": "passeport", "b_size": 20}).json()["items_total"]
    assert found > 0
    assert requests.get(f"{public}/recherche", params={"q": "passeport"}, headers=BROWSER).status_code == 200
    assert requests.get(f"{public}/recherche", params={"q": "trottinette volante"}, headers=BROWSER).status_code == 200
    days, deadline = (clock.today() - timedelta(days=1), clock.today() + timedelta(days=1)), time.monotonic() + 10  # midnight may pass
    while True:  # the beacons leave after the pages were sent
        transaction.begin()
        counted = logs.totals(*days)["public"]
        if counted["searches"] == 2 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert counted == {"searches": 2, "no_result": 1, "opened": None, "screened": 0}
    assert logs.gaps(*days, "public") == [{"query": "trottinette volante", "searches": 1, "no_result": 1, "opened": None}]
