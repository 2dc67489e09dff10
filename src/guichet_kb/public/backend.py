"""Read-only client of the Plone REST API with a short cache.

Each answer is kept `ttl` seconds, then revalidated (If-None-Match /
If-Modified-Since when Plone sent validators). When Plone is down, slow (no
answer within STALE_GRACE) or failing, the last good copy is served however old;
only without one does the caller get BackendUnavailable. Concurrent misses of one
URL share one request.
"""

import asyncio
from collections import OrderedDict
import httpx
import time
from urllib.parse import urlencode


MAX_ENTRIES = 2000
STALE_GRACE = 1.0  # seconds a page waits for a refresh when it has an older copy


class BackendUnavailable(Exception):
    """Plone could not answer and there is no earlier copy."""


class NotFound(Exception):
    """Plone answered 404 (or an item of another type)."""


class BadQuery(Exception):
    """Plone refused the parameters (400), e.g. a query it cannot search."""


class Entry:
    __slots__ = ("status", "data", "etag", "last_modified", "fetched")

    def __init__(self, status, data, etag, last_modified):
        self.status, self.data, self.etag, self.last_modified = status, data, etag, last_modified
        self.fetched = time.monotonic()


class Backend:
    def __init__(self, settings, transport=None):
        self.base = settings.plone_url
        self.ttl = settings.cache_ttl
        self.timeout = settings.backend_timeout
        self.grace = min(STALE_GRACE, settings.backend_timeout)
        self.client = httpx.AsyncClient(
            timeout=settings.backend_timeout,
            transport=transport,
            follow_redirects=False,
            headers={"Accept": "application/json", "Accept-Language": settings.language},
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=20),
        )
        self.cache = OrderedDict()
        self.inflight = {}

    async def close(self):
        await self.client.aclose()

    def url(self, path, params=None):
        url = f"{self.base}/{path.lstrip('/')}" if path else self.base
        return f"{url}?{urlencode(params, doseq=True)}" if params else url

    async def get(self, path, params=None, ttl=None):
        """The JSON at path; NotFound for a 404, BackendUnavailable without any copy."""
        url = self.url(path, params)
        entry = self.cache.get(url)
        if entry is None or time.monotonic() - entry.fetched >= (self.ttl if ttl is None else ttl):
            task = self.inflight.get(url)
            if task is None:
                task = self.inflight[url] = asyncio.ensure_future(self._refresh(url, entry))
                task.add_done_callback(lambda _t: self.inflight.pop(url, None))
            if entry is not None and entry.status == 200:
                # A slow Plone: after a short grace the old copy is served, the refresh goes on.
                done, _pending = await asyncio.wait({task}, timeout=self.grace)
                entry = task.result() if done else entry
            else:
                entry = await asyncio.shield(task)
        else:
            self.cache.move_to_end(url)
        if entry.status == 404:
            raise NotFound(url)
        if entry.status == 400:
            raise BadQuery(url)
        return entry.data

    async def _refresh(self, url, entry):
        headers = {}
        if entry is not None and entry.status == 200:
            if entry.etag:
                headers["If-None-Match"] = entry.etag
            if entry.last_modified:
                headers["If-Modified-Since"] = entry.last_modified
        try:
            # One deadline for the whole exchange: a slow Plone must not hold the page.
            response = await asyncio.wait_for(self.client.get(url, headers=headers), self.timeout)
            if response.status_code == 304 and entry is not None:
                fresh = Entry(entry.status, entry.data, entry.etag, entry.last_modified)
            elif response.status_code in (200, 400, 401, 403, 404, 410):
                # What anonymous visitors may not see (retracted, private) is gone for them: 404.
                status = 404 if response.status_code in (401, 403, 410) else response.status_code
                data = response.json() if status == 200 else None
                fresh = Entry(status, data, response.headers.get("ETag"), response.headers.get("Last-Modified"))
            else:
                raise BackendUnavailable(f"{url}: HTTP {response.status_code}")
        except (httpx.HTTPError, ValueError, BackendUnavailable, asyncio.TimeoutError) as error:
            if entry is not None:
                return entry  # the last good copy, retried on the next request
            raise BackendUnavailable(str(error)) from error
        self.cache[url] = fresh
        self.cache.move_to_end(url)
        while len(self.cache) > MAX_ENTRIES:
            self.cache.popitem(last=False)
        return fresh

    async def post(self, path, payload, client_ip):
        """POST JSON for the visitor; the status. Their address goes to Plone in
        X-Forwarded-For, which Plone believes when this app is one of its trusted
        proxies (zope.conf `trusted-proxy`): rate limits and page views per visitor."""
        headers = {"X-Forwarded-For": client_ip} if client_ip else {}
        try:
            response = await asyncio.wait_for(self.client.post(self.url(path), json=payload, headers=headers), self.timeout)
        except (httpx.HTTPError, asyncio.TimeoutError):
            return 503
        return response.status_code
