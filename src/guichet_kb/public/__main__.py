"""`guichet-kb-public`: serve the public site (PLONE_URL, PUBLIC_PORT, PUBLIC_HOST, PUBLIC_WORKERS)."""

import argparse
import os
import uvicorn


SETTINGS = """settings (environment):
  PLONE_URL               the Plone site whose REST API is read (http://localhost:8080/guichet)
  PUBLIC_HOST, PUBLIC_PORT, PUBLIC_WORKERS   where and how it listens (0.0.0.0, 8000, 1)
  PUBLIC_URL              base of canonical URLs (default: the request's own)
  TOWN_HALL_PHONE, SITE_NAME, PUBLIC_LANGUAGE, PUBLIC_CACHE_TTL, PUBLIC_BACKEND_TIMEOUT,
  PUBLIC_TRUST_PROXY, PUBLIC_UPSTREAM_CACHE, PUBLIC_SITEMAP_SIZE, PUBLIC_LOG_LEVEL: see README, "Public site"
"""


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="guichet-kb-public",
        description="Serve the Guichet KB public site, read from a Plone site's REST API.",
        epilog=SETTINGS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.parse_args(argv)
    uvicorn.run(
        "guichet_kb.public.app:create_app",
        factory=True,
        host=os.environ.get("PUBLIC_HOST", "0.0.0.0"),
        port=int(os.environ.get("PUBLIC_PORT", "8000")),
        workers=int(os.environ.get("PUBLIC_WORKERS", "1")),
        proxy_headers=False,
        log_level=os.environ.get("PUBLIC_LOG_LEVEL", "warning"),
        server_header=False,
        # Open event streams (the queue's live pages) would hold a stop for up to an hour:
        # past 5 s they are cut, and the browsers reconnect to another copy.
        timeout_graceful_shutdown=5,
    )


if __name__ == "__main__":
    main()
