"""The caching rules as plain functions: the BAN regex, CACHING_PROXIES, the public
app's freshness from the API's headers and dates (no Plone, no Varnish)."""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from guichet_kb.caching.operation import cap
from guichet_kb.caching.patterns import ban_pattern
from guichet_kb.caching.settings import BadProxy
from guichet_kb.caching.settings import parse
from guichet_kb.public.backend import freshness
from guichet_kb.public.backend import next_date
import pytest
import re


PATTERN = re.compile(ban_pattern("/guichet", ["/demarches/carte-identite", "/guichets/mairie"]))


@pytest.mark.parametrize(
    "path",
    [
        "/guichet/demarches/carte-identite",
        "/guichet/demarches/carte-identite/view",
        "/guichet/demarches/carte-identite?expand=guichet",
        "/guichet/++api++/demarches/carte-identite",
        "/guichet/guichets/mairie/@relations",
        "/guichet/@answer?q=passeport",
        "/guichet/++api++/@top-services",
        "/guichet/@desks",
        "/guichet/@organisations?kind=caf",
        "/guichet/@life-events",
        "/guichet/@answer-suggest?q=pa",
        "/guichet/@search?portal_type=ServiceSheet&b_start=0",
        "/guichet/demarches/@search?SearchableText=x",
        "/",
        "/?utm=1",
        "/recherche?q=passeport",
        "/recherche.json?q=pa",
        "/demarches/carte-identite",
        "/demarches/other-sheet",
        "/questions/une-question",
        "/guichets",
        "/guichets/mairie",
        "/quel-guichet",
        "/quel-guichet?type=caf&demarche=creche",
        "/evenements/naissance",
        "/sitemap.xml",
        "/sitemap-2.xml",
        "/rendez-vous/nouveau?service=0123456789abcdef0123456789abcdef",  # issue 18: the slots of a service
    ],
)
def test_ban_covers_what_showed_the_items(path):
    assert PATTERN.search(path)


@pytest.mark.parametrize(
    "path",
    [
        "/guichet/demarches/carte-identite-bis",  # another item sharing the prefix
        "/guichet/demarches/passeport",
        "/guichet",  # the site root (its title): not catalogue data
        "/guichet/++plone++static/plone.js",
        "/static/site.1234.css",
        "/favicon.ico",
        "/robots.txt",
        "/sante",
        "/rendez-vous/ABCD-EFGH",  # a booking's own page: never cached, nothing to drop
    ],
)
def test_ban_leaves_the_rest(path):
    assert not PATTERN.search(path)


def test_ban_escapes_item_ids():
    pattern = re.compile(ban_pattern("/guichet", ["/demarches/a.b"]))
    assert pattern.search("/guichet/demarches/a.b")
    assert not pattern.search("/guichet/demarches/aXb")


def test_parse_proxies():
    assert parse("http://127.0.0.1:8090 https://front.example/") == ["http://127.0.0.1:8090", "https://front.example"]
    assert parse("") == []


@pytest.mark.parametrize("value", ["127.0.0.1:8090", "ftp://x", "http://", "http://h:99999", "http://h/path", "http://h?x=1"])
def test_parse_refuses_a_bad_proxy(value):
    with pytest.raises(BadProxy) as error:
        parse(value)
    assert str(error.value) == f"CACHING_PROXIES: {value!r} is not http(s)://host[:port]"


def test_cap_lowers_ages_and_drops_grace():
    header = "max-age=30, s-maxage=60, proxy-revalidate, public"
    assert cap(header, 12) == "max-age=12, s-maxage=12, proxy-revalidate, public, stale-while-revalidate=0"
    assert cap(header, 90) == header


def test_freshness_from_headers():
    assert freshness({"Cache-Control": "max-age=30, s-maxage=60, public", "Age": "15"}) == 45
    assert freshness({"Cache-Control": "public, max-age=20"}) == 20
    assert freshness({"Cache-Control": "max-age=0, must-revalidate, private"}) is None
    assert freshness({"Expires": "Sat, 1 Jan 2000 00:00:00 GMT"}) is None


def test_next_date_of_an_item():
    soon = datetime.now(timezone.utc) + timedelta(seconds=30)
    assert 29 < next_date({"expires": soon.isoformat(), "effective": "2020-01-01T00:00:00+00:00"}) <= 30
    assert next_date({"expires": None, "effective": "2020-01-01T00:00:00+00:00"}) is None
    assert next_date({"expires": "not a date"}) is None
    assert next_date([1, 2]) is None
