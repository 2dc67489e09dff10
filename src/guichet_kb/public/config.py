"""Settings from the environment, read once at start."""

from dataclasses import dataclass
import os


MAX_TTL = 60.0  # a publication must show within a minute
SITEMAP_MAX_URLS = 50000  # per sitemap file, by the sitemaps.org protocol


# The virtual queue's live pages (issue 19, public/live.py): one broadcaster per desk polls
# GET @queues?desk= every QUEUE_POLL_SECONDS while it has subscribers and pushes when a
# queue's version changes, and at least every QUEUE_PUSH_SECONDS (estimates move with
# time); a comment line every QUEUE_HEARTBEAT_SECONDS keeps proxies' idle timeouts away; a
# stream ends after QUEUE_STREAM_SECONDS (the browser reconnects: one token check). Without
# JavaScript the pages refresh every QUEUE_REFRESH_SECONDS. A verified ticket link is
# trusted QUEUE_LINK_RECHECK_SECONDS before it is checked with Plone again.
QUEUE_POLL_SECONDS = 2.0
QUEUE_PUSH_SECONDS = 30.0
QUEUE_HEARTBEAT_SECONDS = 15.0
QUEUE_STREAM_SECONDS = 3600.0
QUEUE_REFRESH_SECONDS = 30
QUEUE_LINK_RECHECK_SECONDS = 300.0


@dataclass(frozen=True)
class Settings:
    plone_url: str = "http://localhost:8080/guichet"
    public_url: str = ""  # canonical base URL; empty: the request's own
    town_hall_phone: str = ""
    site_name: str = ""  # empty: the Plone site's title
    cache_ttl: float = 30.0
    backend_timeout: float = 4.0
    language: str = "fr"
    trust_proxy: bool = False  # behind a load balancer: trust its X-Forwarded-For
    upstream_cache: bool = False  # PLONE_URL is a purged HTTP cache (make cluster's Varnish): always revalidate
    sitemap_size: int = SITEMAP_MAX_URLS  # URLs per sitemap file; past it, /sitemap.xml is an index
    queue_poll: float = QUEUE_POLL_SECONDS  # the queue broadcasters' intervals (tests shorten them)
    queue_push: float = QUEUE_PUSH_SECONDS
    queue_heartbeat: float = QUEUE_HEARTBEAT_SECONDS

    @classmethod
    def from_env(cls, env=None):
        env = os.environ if env is None else env
        return cls(
            plone_url=env.get("PLONE_URL", cls.plone_url).rstrip("/"),
            public_url=env.get("PUBLIC_URL", "").rstrip("/"),
            town_hall_phone=env.get("TOWN_HALL_PHONE", ""),
            site_name=env.get("SITE_NAME", ""),
            cache_ttl=min(float(env.get("PUBLIC_CACHE_TTL", cls.cache_ttl)), MAX_TTL),
            backend_timeout=float(env.get("PUBLIC_BACKEND_TIMEOUT", cls.backend_timeout)),
            language=env.get("PUBLIC_LANGUAGE", cls.language),
            trust_proxy=env.get("PUBLIC_TRUST_PROXY", "") in ("1", "true", "yes"),
            upstream_cache=env.get("PUBLIC_UPSTREAM_CACHE", "") in ("1", "true", "yes"),
            sitemap_size=max(1, min(int(env.get("PUBLIC_SITEMAP_SIZE", SITEMAP_MAX_URLS)), SITEMAP_MAX_URLS)),
        )
