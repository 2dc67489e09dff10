"""The public site app against a stubbed Plone: outages, slowness, revalidation, errors."""

import asyncio
from guichet_kb.public.app import create_app
from guichet_kb.public.config import Settings
import httpx
import json
import pytest
from starlette.testclient import TestClient


PHONE = "01 98 76 54 32"
SHEET = {
    "@id": "http://plone.test/guichet/demarches/velo",
    "@type": "ServiceSheet",
    "UID": "a" * 32,
    "id": "velo",
    "title": "Aide à l'achat d'un vélo",
    "description": "Une aide de la ville.",
    "review_state": "published",
    "@components": {"guichet": {"documents": [], "desks": []}},
}
TOP = {"items": [{"@id": "http://plone.test/guichet/demarches/velo", "title": "Aide à l'achat d'un vélo"}]}


class Plone:
    """A stub REST API whose behaviour a test switches: 'up', 'down', 'slow', 'error'."""

    def __init__(self):
        self.mode, self.requests, self.bodies = "up", [], {}

    async def __call__(self, request):
        self.requests.append(request)
        if self.mode == "down":
            raise httpx.ConnectError("connection refused", request=request)
        if self.mode == "slow":
            await asyncio.sleep(2)
        if self.mode == "error":
            return httpx.Response(502, text="<html>proxy error</html>")
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        path = request.url.path
        body = {
            "/guichet/demarches/velo": SHEET,
            "/guichet/@top-services": TOP,
            "/guichet/@life-events": {"items": []},
            "/guichet": {"title": "Ville-Test"},
            **self.bodies,
        }.get(path)
        if body is None:
            return httpx.Response(404, json={"error": {"type": "NotFound"}})
        return httpx.Response(200, json=body, headers={"ETag": '"v1"'})


@pytest.fixture
def plone():
    return Plone()


@pytest.fixture
def client(plone):
    settings = Settings(plone_url="http://plone.test/guichet", town_hall_phone=PHONE, cache_ttl=0.05, backend_timeout=0.3)
    with TestClient(create_app(settings, transport=httpx.MockTransport(plone)), raise_server_exceptions=False) as c:
        yield c


def expire():
    import time

    time.sleep(0.06)


@pytest.mark.parametrize("mode", ["down", "slow", "error"])
def test_no_copy_gives_a_friendly_503_with_the_phone(client, plone, mode):
    plone.mode = mode
    page = client.get("/demarches/velo")
    assert page.status_code == 503 and page.headers["retry-after"] == "30"
    assert PHONE in page.text and "Service momentanément indisponible" in page.text
    assert "Traceback" not in page.text and "ConnectError" not in page.text
    assert page.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("mode", ["down", "slow", "error"])
def test_last_good_copy_when_plone_fails(client, plone, mode):
    first = client.get("/demarches/velo")
    assert first.status_code == 200 and "Aide à l&#39;achat d&#39;un vélo" in first.text
    plone.mode = mode
    expire()
    again = client.get("/demarches/velo")
    assert again.status_code == 200 and again.text == first.text


def test_revalidation_uses_the_etag(client, plone):
    assert client.get("/").status_code == 200
    expire()
    plone.requests.clear()
    page = client.get("/")
    assert page.status_code == 200 and "Aide à l&#39;achat d&#39;un vélo" in page.text
    assert plone.requests and all(r.headers.get("if-none-match") == '"v1"' for r in plone.requests)


def test_a_broken_answer_gives_an_error_page_not_a_trace(client, plone):
    plone.bodies["/guichet/@top-services"] = ["not", "an", "object"]
    page = client.get("/")
    assert page.status_code == 500 and "Une erreur est survenue" in page.text
    assert "Traceback" not in page.text and "Error" not in page.text.replace("Une erreur", "")


def test_unknown_page_without_plone_is_still_a_404_with_search(client, plone):
    plone.mode = "down"
    page = client.get("/pas/ici")
    assert page.status_code == 404 and 'role="search"' in page.text


def test_feedback_when_plone_is_down(client, plone):
    plone.mode = "down"
    page = client.post("/avis", data={"uid": "a" * 32, "utile": "oui", "retour": "/demarches/velo"}, follow_redirects=False)
    assert page.status_code == 503 and PHONE in page.text


def test_a_visit_counts_a_page_view_robots_do_not(client, plone):
    client.get("/demarches/velo", headers={"User-Agent": "Mozilla/5.0 (Android 14; Mobile)", "X-Forwarded-For": "203.0.113.9"})
    client.get("/demarches/velo", headers={"User-Agent": "Googlebot/2.1"})
    posts = [r for r in plone.requests if r.method == "POST"]
    assert [(r.url.path, json.loads(r.content)) for r in posts] == [("/guichet/@page-view", {"uid": SHEET["UID"]})]
    assert posts[0].headers["x-forwarded-for"] == "testclient"  # the proxy header is not trusted by default


def test_a_slow_plone_does_not_hold_pages_that_have_a_copy(plone):
    settings = Settings(plone_url="http://plone.test/guichet", cache_ttl=0.05, backend_timeout=3)
    with TestClient(create_app(settings, transport=httpx.MockTransport(plone))) as client:
        first = client.get("/demarches/velo")
        plone.mode = "slow"  # 2 s per answer, under the 3 s timeout
        expire()
        import time

        start = time.monotonic()
        again = client.get("/demarches/velo", headers={"User-Agent": "monitor-bot"})  # no page view to wait for
        assert again.text == first.text and time.monotonic() - start < 1.8
