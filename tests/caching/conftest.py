"""Fixtures of the cache-correctness tests: real Varnish in front of the functional
layer's HTTP server, and the public app behind a second Varnish reading the API
through the first, as in make cluster (where one Varnish fronts both through HAProxy).
The site's cachingProxies name both, so every change purges and bans them."""

from guichet_kb.caching.settings import configure
from guichet_kb.public.config import Settings
from public_helpers import serve_public
import pytest
import transaction
from urllib.parse import urlsplit
from varnish_helpers import BASE_PORT
from varnish_helpers import run_varnish


class Front:
    """The URLs of a test's stack: api (Varnish before Plone), pages (Varnish before the
    public app), site_path (/plone), direct (the Plone site, as an instance sees it)."""

    def __init__(self, api, pages, site):
        self.api, self.pages, self.direct = api, pages, site
        self.site_path = urlsplit(site).path
        self.site = api + self.site_path


@pytest.fixture
def front(functional, site):
    plone = urlsplit(site)
    with run_varnish(plone.hostname, plone.port, BASE_PORT, "api") as api:
        settings = Settings(plone_url=api + plone.path, cache_ttl=30, upstream_cache=True, backend_timeout=4)
        with serve_public(settings, port=BASE_PORT + 4) as public:
            public_port = urlsplit(public).port
            with run_varnish("127.0.0.1", public_port, BASE_PORT + 2, "pages") as pages:
                configure([api, pages])
                transaction.commit()
                yield Front(api, pages, site)
