"""The public search groups the variants of one family under its title (issue 15)."""

from guichet_kb.public.config import Settings
from html import unescape
from public_helpers import serve_public
import pytest
import re
import requests
from variant_helpers import DRAFT
from variant_helpers import passport_variants
from variant_helpers import QUERY
from variant_helpers import QUESTION


@pytest.fixture
def public(site, catalogue, functional):
    passport_variants(catalogue, functional["portal"])
    with serve_public(Settings(plone_url=site, town_hall_phone="01 02 03 04 05", cache_ttl=1)) as url:
        with requests.Session() as session:
            session.headers["User-Agent"] = "pytest-bot"
            yield url, session


def test_variants_grouped_under_the_family_title(public):
    url, http = public
    page = http.get(url + "/recherche", params={"q": QUERY})
    assert page.status_code == 200
    text = unescape(page.text)
    family = re.search(r"<li class=\"family\">(.*?)</ul>", text, re.S).group(1)
    assert '<h3 id="famille">Passeport</h3>' in family and f"<p>{QUESTION}</p>" in family
    links = re.findall(r'<li><a href="(/demarches/[^"]+)">([^<]+)</a> <span class="meta">([^<]+)</span></li>', family)
    assert sorted(links) == [
        ("/demarches/pp-majeur-1", "Majeur · Première demande", "Passeport d'un majeur : première demande"),
        ("/demarches/pp-majeur-renouv", "Majeur · Renouvellement", "Renouvellement du passeport d'un majeur"),
        ("/demarches/pp-mineur-1", "Mineur · Première demande", "Passeport d'un mineur : première demande"),
    ]
    # Each variant once on the page (not again in the list below), the draft never.
    for path, _label, _title in links:
        assert text.count(f'href="{path}"') == 1
    assert DRAFT[0] not in text


def test_no_family_plain_list(public):
    url, http = public
    text = http.get(url + "/recherche", params={"q": "CNI perdue"}).text
    assert 'class="family"' not in text and 'href="/demarches/carte-identite"' in text
