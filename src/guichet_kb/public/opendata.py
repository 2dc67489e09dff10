"""« Données ouvertes »: the page listing the open-data files (format, size, date,
licence) and their data dictionary, and `/donnees-ouvertes/<name>`, each file read
from Plone's `@open-data/<name>` and passed on with its own headers (the visitor
may not reach Plone itself). Reads only what Plone's nightly job stored."""

import asyncio
from guichet_kb.facts import OPEN_DATA_FILES
from guichet_kb.facts import OPEN_DATA_MIN_CELL
from guichet_kb.public.backend import BackendUnavailable
from guichet_kb.public.pages import common
from guichet_kb.public.pages import site_of
from guichet_kb.public.render import translations
import httpx
from starlette.exceptions import HTTPException
from starlette.responses import Response


PATH = "donnees-ouvertes"
PASSED_ON = ("content-type", "content-disposition", "etag", "last-modified", "cache-control")


def size_text(size, gettext):
    """'12,3 ko' / '1,2 Mo' in the page's language (French decimal comma from the catalogue)."""
    if size < 1000:
        return gettext("%(n)s bytes") % {"n": size}
    unit, value = (gettext("%(n)s kB"), size / 1000) if size < 1_000_000 else (gettext("%(n)s MB"), size / 1_000_000)
    return unit % {"n": f"{value:.1f}".replace(".", gettext("decimal-separator"))}


def files_of(listing):
    """The listing's files with the title the metadata gives each (by name)."""
    titles = {d.get("name"): d.get("title") for d in ((listing.get("metadata") or {}).get("distributions") or [])}
    return [
        {**item, "title": titles.get(item.get("name")), "format": "JSON" if item.get("name", "").endswith(".json") else "CSV"}
        for item in listing.get("items") or []
    ]


async def page(request):
    site = site_of(request)
    listing, extra = await asyncio.gather(site.backend.get("@open-data"), common(site))
    gettext = translations(site.settings.language).gettext
    files = [{**f, "size_text": size_text(f.get("size") or 0, gettext)} for f in files_of(listing)]
    return site.html(
        request,
        "open_data.html",
        listing=listing,
        files=files,
        metadata=listing.get("metadata") or {},
        dictionary=listing.get("dictionary") or [],
        min_cell=OPEN_DATA_MIN_CELL,
        canonical_path=f"/{PATH}",
        **extra,
    )


async def download(request):
    """One file, as Plone serves it (404 page for a name that is not one of the files)."""
    name = request.path_params["name"]
    if name not in OPEN_DATA_FILES:
        raise HTTPException(404)
    site = site_of(request)
    headers = {"If-None-Match": request.headers["if-none-match"]} if "if-none-match" in request.headers else {}
    try:
        response = await asyncio.wait_for(site.backend.client.get(site.backend.url(f"@open-data/{name}"), headers=headers), site.backend.timeout)
    except (httpx.HTTPError, asyncio.TimeoutError) as error:
        raise BackendUnavailable(str(error)) from error
    if response.status_code == 404:
        raise HTTPException(404)
    if response.status_code not in (200, 304):
        raise BackendUnavailable(f"@open-data/{name}: HTTP {response.status_code}")
    passed = {key: value for key, value in response.headers.items() if key.lower() in PASSED_ON}
    return Response(response.content if response.status_code == 200 else b"", status_code=response.status_code, headers=passed)
