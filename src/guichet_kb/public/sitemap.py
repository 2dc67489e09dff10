"""The sitemap (/sitemap.xml, /sitemap-<n>.xml) and /robots.txt, moved out of public/pages.py.

The sitemap lists every public URL read from the catalogue (@search batch by batch,
@life-events); robots.txt keeps crawlers off the search, the feedback form and the
private pages (a booking's, a queue ticket's, the hall display).
"""

from guichet_kb.facts import PUBLIC_PAGE_TYPES
from guichet_kb.public.backend import NotFound
from guichet_kb.public.pages import DESKS
from guichet_kb.public.pages import site_of
from guichet_kb.public.pages import WHICH_DESK
from guichet_kb.public.queue_reads import BASE as QUEUE_BASE
from starlette.responses import Response
from xml.sax.saxutils import escape


SITEMAP_BATCH = 1000  # items per @search request while listing the sitemap
DISALLOWED = ("/recherche", "/avis", "/rendez-vous", f"/{QUEUE_BASE}/")


async def _sitemap_urls(site, base):
    """Every public URL with its last modification date, the catalogue read batch by batch."""
    path = site.env.filters["path"]
    urls = [(f"{base}/", None), (f"{base}/{DESKS}", None)]
    start = 0
    while True:
        found = await site.backend.get(
            "@search",
            {"portal_type": list(PUBLIC_PAGE_TYPES), "b_size": SITEMAP_BATCH, "b_start": start, "metadata_fields": "modified", "sort_on": "path"},
        )
        batch = found.get("items", [])
        urls += [(base + path(i["@id"]), (i.get("modified") or "")[:10]) for i in batch]
        start += len(batch)
        if not batch or start >= found.get("items_total", 0):
            break
    events = await site.backend.get("@life-events")
    urls += [(f"{base}/evenements/{e['token']}", None) for e in events.get("items", [])]
    return [*urls, (f"{base}/{WHICH_DESK}", None)]


def _xml(site, lines):
    body = ['<?xml version="1.0" encoding="UTF-8"?>', *lines]
    return Response("\n".join(body), media_type="application/xml", headers={"Cache-Control": site.cache_control()})


def _urlset(site, urls):
    lines = ['<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, modified in urls:
        lines.append(f"<url><loc>{escape(loc)}</loc>" + (f"<lastmod>{modified}</lastmod>" if modified else "") + "</url>")
    return _xml(site, [*lines, "</urlset>"])


async def sitemap(request):
    """/sitemap.xml: every URL, or past settings.sitemap_size URLs an index of /sitemap-<n>.xml files."""
    site = site_of(request)
    base = site.base_url(request)
    urls = await _sitemap_urls(site, base)
    size = site.settings.sitemap_size
    if len(urls) <= size:
        return _urlset(site, urls)
    pages = range(1, (len(urls) + size - 1) // size + 1)
    lines = ['<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<sitemap><loc>{escape(f'{base}/sitemap-{page}.xml')}</loc></sitemap>" for page in pages]
    return _xml(site, [*lines, "</sitemapindex>"])


async def sitemap_page(request):
    """/sitemap-<n>.xml: the n-th settings.sitemap_size URLs (only when /sitemap.xml is an index)."""
    site = site_of(request)
    urls = await _sitemap_urls(site, site.base_url(request))
    size, page = site.settings.sitemap_size, request.path_params["page"]
    if len(urls) <= size or not 1 <= page <= (len(urls) + size - 1) // size:
        raise NotFound(request.url.path)
    return _urlset(site, urls[(page - 1) * size : page * size])


async def robots(request):
    base = site_of(request).base_url(request)
    return Response(
        "User-agent: *\n" + "".join(f"Disallow: {path}\n" for path in DISALLOWED) + f"Sitemap: {base}/sitemap.xml\n",
        media_type="text/plain",
        headers={"Cache-Control": "public, max-age=3600"},
    )
