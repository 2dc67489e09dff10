"""X-Forwarded-For is believed from trusted proxies only (zope.conf `trusted-proxy`):
per-client rate limits and popularity counts cannot be moved by one client."""

import catalogue_factory as make
from guichet_kb import ratelimit
from guichet_kb.public.config import Settings
from guichet_kb.public.limits import visitor
from guichet_kb.stats import store
from guichet_kb.stats import visitors
from public_helpers import serve_public
import pytest
import requests
import time
import transaction
from types import SimpleNamespace
from ZPublisher import HTTPRequest


BROWSER = "Mozilla/5.0 (Android 14; Mobile)"


@pytest.fixture(autouse=True)
def fresh():
    ratelimit.clear()
    visitors.forget()
    yield
    ratelimit.clear()
    visitors.forget()


@pytest.fixture
def trusted(monkeypatch):
    """The test server's peer (every request here comes from 127.0.0.1) is a trusted proxy."""
    monkeypatch.setattr(HTTPRequest, "trusted_proxies", ("127.0.0.1",))


SHEET_ID = "fiche-essai"


@pytest.fixture
def uid(catalogue):
    """The UID of a published sheet of the test's own (`SHEET_ID`)."""
    return catalogue(*make.standalone_sheet(SHEET_ID, "Fiche d'essai"))[SHEET_ID].UID()


def views(functional, uid):
    """Page views of the sheet counted today, as stored."""
    transaction.begin()  # see what the server committed
    return sum(counter() for counter in store._read(store.VIEWS).get(uid, {}).values())


def page_views(rest, site, uid, forwarded):
    return [rest().post(f"{site}/@page-view", json={"uid": uid}, headers={"X-Forwarded-For": address}).status_code for address in forwarded]


def test_rotating_header_from_an_untrusted_client_is_limited(rest, site, functional, uid):
    assert HTTPRequest.trusted_proxies in ((), [])  # the default: no proxy is trusted
    codes = page_views(rest, site, uid, [f"198.51.100.{i}" for i in range(130)])
    assert codes == [204] * 120 + [429] * 10
    assert views(functional, uid) == 1  # one client, one view today


def test_the_trusted_proxy_forwarded_address_is_honoured(rest, site, functional, uid, trusted):
    assert page_views(rest, site, uid, ["203.0.113.1"] * 121) == [204] * 120 + [429]
    assert page_views(rest, site, uid, ["203.0.113.2"]) == [204]  # another visitor has their own limit
    assert views(functional, uid) == 2  # two visitors, one view each


def test_addresses_written_by_the_client_before_the_proxy_are_ignored(rest, site, functional, uid, trusted):
    # The proxy appends the address it saw; what the client wrote before it does not count.
    codes = page_views(rest, site, uid, [f"10.{i}.0.1, 203.0.113.9" for i in range(121)])
    assert codes == [204] * 120 + [429]
    assert views(functional, uid) == 1


def test_public_app_forwards_each_visitor(rest, site, functional, uid, trusted):
    """The public app is Plone's trusted proxy; behind its own load balancer it reads
    the balancer's (last) X-Forwarded-For hop."""
    settings = Settings(plone_url=site, cache_ttl=1, trust_proxy=True)
    with serve_public(settings) as url:
        for address in ("192.0.2.1", "192.0.2.2", "192.0.2.1", "198.51.100.7, 192.0.2.2"):
            page = requests.get(f"{url}/demarches/{SHEET_ID}", headers={"User-Agent": BROWSER, "X-Forwarded-For": address})
            assert page.status_code == 200
        deadline = time.monotonic() + 10
        while views(functional, uid) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)  # page views are posted after the response
        time.sleep(0.5)
    assert views(functional, uid) == 2


@pytest.mark.parametrize(
    "header, trust, expected",
    [
        ("192.0.2.1", False, "10.1.1.1"),
        ("192.0.2.1", True, "192.0.2.1"),
        ("6.6.6.6, 192.0.2.1", True, "192.0.2.1"),
        (" , ", True, "10.1.1.1"),
    ],
)
def test_public_app_visitor(header, trust, expected):
    request = SimpleNamespace(headers={"x-forwarded-for": header}, client=SimpleNamespace(host="10.1.1.1"))
    assert visitor(request, Settings(trust_proxy=trust)) == expected


def test_one_view_per_visitor_sheet_and_day():
    from datetime import date

    day, next_day = date(2026, 3, 1), date(2026, 3, 2)
    transaction.begin()
    assert visitors.first_visit("192.0.2.1", "a", day)
    transaction.abort()  # Zope retries a request after a ConflictError: not a second visit
    assert visitors.first_visit("192.0.2.1", "a", day)
    assert not visitors.first_visit("192.0.2.1", "a", day)  # the same visit, in flight
    transaction.commit()
    assert not visitors.first_visit("192.0.2.1", "a", day)
    assert visitors.first_visit("192.0.2.1", "b", day) and visitors.first_visit("192.0.2.2", "a", day)
    assert visitors.first_visit("192.0.2.1", "a", next_day)  # a new day, a new key: nothing kept from before
    transaction.abort()
