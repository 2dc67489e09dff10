"""Read-only client of the Plone REST API with a short cache.

Each answer is kept `ttl` seconds, then revalidated (If-None-Match /
If-Modified-Since when Plone sent validators). When Plone is down, slow (no
answer within STALE_GRACE) or failing, the last good copy is served however old;
only without one does the caller get BackendUnavailable. Concurrent misses of one
URL share one request.

Behind a purged HTTP cache (settings.upstream_cache, `make cluster`: the API is read
through Varnish, which Plone BANs on every change) no copy is reused without asking:
every read revalidates with Varnish, the one place that is purged, so a page never
shows what a BAN dropped. Each read then lowers the page's freshness (`PAGE_LIMIT`)
to what is left of the answer's own (s-maxage/max-age minus Age) and to the next
effective/expiration date it carries, or start or end of a service notice it
carries (issue 16): the page expires when its data does.
"""

import asyncio
from collections import OrderedDict
import contextvars
from datetime import datetime
from guichet_kb import clock
import httpx
import math
import re
import time
from urllib.parse import urlencode


AGE = re.compile(r"\b(s-maxage|max-age)=(\d+)")
PAGE_LIMIT = contextvars.ContextVar("page_limit", default=None)
MAX_ENTRIES = 2000
STALE_GRACE = 1.0  # seconds a page waits for a refresh when it has an older copy


class BackendUnavailable(Exception):
    """Plone could not answer and there is no earlier copy."""


class NotFound(Exception):
    """Plone answered 404 (or an item of another type)."""


class BadQuery(Exception):
    """Plone refused the parameters (400), e.g. a query it cannot search."""


class Limit:
    """The seconds a page may be kept: the least of what its reads allow."""

    def __init__(self):
        self.seconds = math.inf

    def lower(self, seconds):
        self.seconds = min(self.seconds, max(0.0, seconds))


def freshness(headers):
    """Seconds an answer stays fresh in a shared cache by its headers, or None when it
    says nothing cacheable (then the page is bounded by its own TTL, not by this)."""
    control = (headers.get("Cache-Control") or "").lower()
    if not control or any(word in control for word in ("private", "no-cache", "no-store")):
        return None
    ages = dict(AGE.findall(control))
    found = ages.get("s-maxage", ages.get("max-age"))
    if found is None:
        return None
    try:
        age = int(headers.get("Age") or 0)
    except ValueError:
        age = 0
    return int(found) - age


def _notices_in(data):
    """The service notices an answer carries: the item's, its `guichet` expansion's and
    its desks', a listing's items' and their desks' (notices/json.py)."""
    if not isinstance(data, dict):
        return
    guichet = (data.get("@components") or {}).get("guichet") or {}
    holders = [data, guichet, *(guichet.get("desks") or ())]
    for item in data.get("items") or ():
        if isinstance(item, dict):
            holders += [item, item.get("desk")]
    for holder in holders:
        if isinstance(holder, dict):
            yield from (n for n in holder.get("notices") or () if isinstance(n, dict))


def next_date(data):
    """Seconds until the item's effective or expiration date, or until a notice it
    carries starts or ends, when one is ahead."""
    left = []
    values = [data.get(key) for key in ("effective", "expires")] if isinstance(data, dict) else []
    values += [notice.get(key) for notice in _notices_in(data) for key in ("start", "end")]
    for value in values:
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            seconds = (moment - clock.now()).total_seconds()
            if seconds > 0:
                left.append(seconds)
    return min(left) if left else None


class Entry:
    __slots__ = ("status", "data", "etag", "last_modified", "fetched", "fresh_for")

    def __init__(self, status, data, etag, last_modified, fresh_for=None):
        self.status, self.data, self.etag, self.last_modified = status, data, etag, last_modified
        self.fetched = time.monotonic()
        self.fresh_for = fresh_for  # seconds by the answer's headers (upstream cache), None: unknown

    def limit(self):
        """What is left of this answer's freshness for a page built from it."""
        left = [] if self.fresh_for is None else [self.fresh_for - (time.monotonic() - self.fetched)]
        dated = next_date(self.data)
        return min(left + ([dated] if dated is not None else []), default=None)


class Backend:
    def __init__(self, settings, transport=None):
        self.base = settings.plone_url
        self.ttl = 0 if settings.upstream_cache else settings.cache_ttl
        self.upstream = settings.upstream_cache
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
        page = PAGE_LIMIT.get()
        if self.upstream and page is not None and entry.status == 200:
            left = entry.limit()
            if left is not None:
                page.lower(left)
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
            fresh_for = freshness(response.headers)
            if response.status_code == 304 and entry is not None:
                fresh = Entry(entry.status, entry.data, entry.etag, entry.last_modified, fresh_for)
            elif response.status_code in (200, 400, 401, 403, 404, 410):
                # What anonymous visitors may not see (retracted, private) is gone for them: 404.
                status = 404 if response.status_code in (401, 403, 410) else response.status_code
                data = response.json() if status == 200 else None
                fresh = Entry(status, data, response.headers.get("ETag"), response.headers.get("Last-Modified"), fresh_for)
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

    async def call(self, method, path, params=None, payload=None, client_ip=None):
        """One uncached exchange for the visitor (their booking behind its link: never
        shared, never kept): (status, JSON body or None); (503, None) when Plone cannot
        answer. The visitor's address goes in X-Forwarded-For as for `post`."""
        headers = {"X-Forwarded-For": client_ip} if client_ip else {}
        try:
            response = await asyncio.wait_for(
                self.client.request(method, self.url(path, params), json=payload, headers={**headers, "Cache-Control": "no-cache"}), self.timeout
            )
        except (httpx.HTTPError, asyncio.TimeoutError):
            return 503, None
        try:
            data = response.json() if response.content else None
        except ValueError:
            data = None
        return response.status_code, data
