"""The caching-proxy settings of plone.cachepurging and plone.app.caching.

scripts/create_site.py applies them when CACHING_PROXIES is set (space-separated
proxy URLs, e.g. `http://127.0.0.1:8090`, the front `make cluster` starts): purging
on, those proxies, and our catalogue types in purgedContentTypes.
"""

from guichet_kb.facts import REVIEWED_TYPES
from urllib.parse import urlsplit


ENV_VAR = "CACHING_PROXIES"
ENABLED = "plone.cachepurging.interfaces.ICachePurgingSettings.enabled"
PROXIES = "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies"
PURGED_TYPES = "plone.app.caching.interfaces.IPloneCacheSettings.purgedContentTypes"


class BadProxy(ValueError):
    """A CACHING_PROXIES entry that is not http(s)://host[:port]."""


def parse(value):
    """The proxy URLs of a CACHING_PROXIES value; BadProxy for a malformed one."""
    proxies = []
    for url in (value or "").split():
        try:
            parts = urlsplit(url)
            port_ok = parts.port is None or 0 < parts.port < 65536
        except ValueError:
            port_ok = False
        if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok or parts.path not in ("", "/") or parts.query:
            raise BadProxy(f"{ENV_VAR}: {url!r} is not http(s)://host[:port]")
        proxies.append(url.rstrip("/"))
    return proxies


def configure(proxies):
    """Purge these proxies on every change of a catalogue item (empty list: purging off)."""
    from plone import api

    api.portal.set_registry_record(PROXIES, tuple(proxies))
    api.portal.set_registry_record(ENABLED, bool(proxies))
    current = api.portal.get_registry_record(PURGED_TYPES) or ()
    api.portal.set_registry_record(PURGED_TYPES, tuple(dict.fromkeys((*current, *REVIEWED_TYPES))))  # agendas too (issue 18)
