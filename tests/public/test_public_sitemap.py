"""The public sitemap lists every public item, in files of at most the protocol's 50,000
URLs (a sitemap index past that); checked against a stub REST API with many items."""

from guichet_kb.public.app import create_app
from guichet_kb.public.config import Settings
import httpx
import pytest
from starlette.testclient import TestClient
from xml.etree import ElementTree


NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PLONE = "http://plone.test/guichet"
ITEMS = 2345  # more than one @search batch, as a big catalogue has


class Catalogue:
    """@search answering by b_start / b_size as plone.restapi does; two life events."""

    def __init__(self, count):
        self.items = [{"@id": f"{PLONE}/demarches/fiche-{n:05d}", "modified": "2026-11-30T10:00:00+00:00"} for n in range(count)]

    def __call__(self, request):
        if request.url.path == "/guichet/@search":
            start, size = int(request.url.params["b_start"]), int(request.url.params["b_size"])
            return httpx.Response(200, json={"items": self.items[start : start + size], "items_total": len(self.items)})
        if request.url.path == "/guichet/@life-events":
            return httpx.Response(200, json={"items": [{"token": "demenager"}, {"token": "naissance"}]})
        return httpx.Response(404, json={"error": {"type": "NotFound", "message": ""}})


def client(count=ITEMS, **settings):
    app = create_app(Settings(plone_url=PLONE, public_url="https://www.ville.test", **settings), transport=httpx.MockTransport(Catalogue(count)))
    return TestClient(app, raise_server_exceptions=False)


def expected_urls(count):
    return (
        ["https://www.ville.test/", "https://www.ville.test/guichets"]
        + [f"https://www.ville.test/demarches/fiche-{n:05d}" for n in range(count)]
        + ["https://www.ville.test/evenements/demenager", "https://www.ville.test/evenements/naissance", "https://www.ville.test/quel-guichet"]
    )


def locs(response, tag):
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}{tag}"
    return [loc.text for loc in root.findall(f"s:{'url' if tag == 'urlset' else 'sitemap'}/s:loc", NS)]


def test_every_item_listed_past_one_search_batch():
    with client() as http:
        assert locs(http.get("/sitemap.xml"), "urlset") == expected_urls(ITEMS)
        assert http.get("/sitemap-1.xml").status_code == 404  # one file: no pages


def test_an_index_of_files_past_the_size_limit():
    with client(sitemap_size=1000) as http:
        index = locs(http.get("/sitemap.xml"), "sitemapindex")
        assert index == [f"https://www.ville.test/sitemap-{n}.xml" for n in (1, 2, 3)]
        pages = [locs(http.get(f"/sitemap-{n}.xml"), "urlset") for n in (1, 2, 3)]
        assert [len(page) for page in pages] == [1000, 1000, ITEMS + 5 - 2000]
        assert [url for page in pages for url in page] == expected_urls(ITEMS)
        assert http.get("/sitemap-4.xml").status_code == 404 and http.get("/sitemap-0.xml").status_code == 404


def test_lastmod_kept_on_each_item():
    with client(count=3, sitemap_size=2) as http:
        root = ElementTree.fromstring(http.get("/sitemap-2.xml").content)
        rows = [(url.findtext("s:loc", namespaces=NS), url.findtext("s:lastmod", namespaces=NS)) for url in root.findall("s:url", NS)]
        assert rows == [(f"https://www.ville.test/demarches/fiche-{n:05d}", "2026-11-30") for n in (0, 1)]


@pytest.mark.parametrize("value, size", [(None, 50000), ("10", 10), ("60000", 50000), ("0", 1)])
def test_size_setting_bounded_by_the_protocol(value, size):
    from guichet_kb.public.config import SITEMAP_MAX_URLS

    env = {} if value is None else {"PUBLIC_SITEMAP_SIZE": value}
    assert SITEMAP_MAX_URLS == 50000 and Settings.from_env(env).sitemap_size == size
