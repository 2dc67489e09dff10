"""Page handlers: each reads the REST API through the cached backend and renders a template."""

import asyncio
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.facts import FOLDER_OF
from guichet_kb.facts import PUBLIC_PAGE_TYPES
from guichet_kb.public.backend import BackendUnavailable
from guichet_kb.public.backend import BadQuery
from guichet_kb.public.backend import NotFound
from guichet_kb.public.limits import clean_id
from guichet_kb.public.limits import clean_query
from guichet_kb.public.limits import is_bot
from guichet_kb.public.limits import visitor
from guichet_kb.public.slots import booking_link
import re
from starlette.background import BackgroundTask
from starlette.responses import JSONResponse
from starlette.responses import RedirectResponse
from starlette.responses import Response
import unicodedata
from urllib.parse import parse_qs
from xml.sax.saxutils import escape


SEARCH_SIZE = 20
SITEMAP_BATCH = 1000  # items per @search request while listing the sitemap
INSTANT_SIZE = 6
MAX_FORM_BODY = 4096
MAX_COMMENT = 500
# The public site mirrors the backend's folders (facts.FOLDERS): /demarches/<id> is demarches/<id>.
SHEETS, ANSWERS, DESKS = FOLDER_OF["ServiceSheet"], FOLDER_OF["Answer"], FOLDER_OF["Desk"]
WHICH_DESK = "quel-guichet"  # "Quel guichet pour ma démarche ?" (issue 16)
RETURN_PATH = re.compile(rf"^/{SHEETS}/[A-Za-z0-9][A-Za-z0-9._-]{{0,99}}$")
UID = re.compile(r"^[0-9a-f]{32}$")
# The pages showing catalogue data (regex alternatives after the leading "/"): the home,
# search, sheets, answers, desks, the bodies (which desk), life events, sitemap. A caching proxy drops them all
# when the catalogue changes (guichet_kb.caching.patterns).
CATALOGUE_PAGES = ("$", r"\?", "recherche", f"{SHEETS}/", f"{ANSWERS}/", DESKS, WHICH_DESK, "evenements/", "sitemap")


def site_of(request):
    return request.app.state.site


async def common(site):
    """Site title (for the header), tolerant of a backend outage."""
    if site.settings.site_name:
        return {"site_title": site.settings.site_name}
    try:
        root = await site.backend.get("")
    except (BackendUnavailable, NotFound):
        return {"site_title": ""}
    return {"site_title": root.get("title", "")}


async def item(site, section, request, portal_type):
    """The Plone item /section/<id> of the expected type, else NotFound."""
    name = clean_id(request.path_params.get("id", ""))
    if not name:
        raise NotFound(request.url.path)
    params = {"expand": "guichet"} if portal_type in ANSWERABLE_TYPES else None  # sheets' and answers' provenance
    data = await site.backend.get(f"{section}/{name}", params)
    if data.get("@type") != portal_type or data.get("review_state") not in (None, "published"):
        raise NotFound(request.url.path)
    return data


async def home(request):
    site = site_of(request)
    top, events, extra = await asyncio.gather(site.backend.get("@top-services"), site.backend.get("@life-events"), common(site))
    return site.html(request, "home.html", top=top.get("items", []), events=events.get("items", []), canonical_path="/", **extra)


async def search(request):
    site = site_of(request)
    q = clean_query(request.query_params.get("q", ""))
    results, family, error = [], None, False
    if q:
        try:
            found = await site.backend.get("@answer", {"q": q, "b_size": SEARCH_SIZE})
        except BadQuery:
            found, error = {}, True
        results, family = found.get("items", []), found.get("family")
    # The variants of one family are shown together under its title (issue 15); the
    # other results follow.
    grouped = {v["UID"] for v in family["variants"]} if family else set()
    others = [r for r in results if r.get("UID") not in grouped]
    extra = await common(site)
    response = site.html(
        request, "search.html", q=q, results=results, family=family, others=others, error=error, canonical_path="/recherche", noindex=True, **extra
    )
    if q and not error and not is_bot(request):  # counted after the page is sent, as counts only (POST @search-log)
        beacon = {"query": q, "source": "public", "results": found.get("items_total", len(results))}
        response.background = BackgroundTask(site.backend.post, "@search-log", beacon, visitor(request, site.settings))
    return response


async def instant(request):
    """Search-as-you-type: a few results as JSON for the small script."""
    site = site_of(request)
    q = clean_query(request.query_params.get("q", ""))
    items = []
    if len(q) >= 2:
        try:
            found = await site.backend.get("@answer", {"q": q, "b_size": INSTANT_SIZE})
        except BadQuery:
            found = {}
        path = site.env.filters["path"]
        items = [
            {"title": i.get("title", ""), "url": path(i.get("@id")), "summary": i.get("summary") or i.get("short_answer") or ""}
            for i in found.get("items", [])
        ]
    return JSONResponse({"q": q, "items": items}, headers={"Cache-Control": site.cache_control()})


async def sheet(request):
    site = site_of(request)
    data, extra = await asyncio.gather(item(site, SHEETS, request, "ServiceSheet"), common(site))
    response = site.html(
        request,
        "sheet.html",
        sheet=data,
        # Issue 18: booked here when a published agenda serves the sheet, not on the outside link.
        booking_url=booking_link(service=data["UID"]) if data.get("@components", {}).get("guichet", {}).get("agendas") else None,
        guichet=data.get("@components", {}).get("guichet", {}),
        thanks=request.query_params.get("avis") == "merci",
        canonical_path=f"/{SHEETS}/{data['id']}",
        **extra,
    )
    if not is_bot(request):  # counted after the page is sent; no personal data is kept
        response.background = BackgroundTask(site.backend.post, "@page-view", {"uid": data["UID"]}, visitor(request, site.settings))
    return response


async def answer(request):
    site = site_of(request)
    data, extra = await asyncio.gather(item(site, ANSWERS, request, "Answer"), common(site))
    guichet = data.get("@components", {}).get("guichet", {})
    return site.html(request, "answer.html", answer=data, guichet=guichet, canonical_path=f"/{ANSWERS}/{data['id']}", **extra)


async def desks(request):
    site = site_of(request)
    found, extra = await asyncio.gather(site.backend.get("@desks"), common(site))
    return site.html(request, "desks.html", desks=found.get("items", []), canonical_path=f"/{DESKS}", **extra)


async def desk(request):
    site = site_of(request)
    data, week, extra = await asyncio.gather(item(site, DESKS, request, "Desk"), site.backend.get("@desks"), common(site))
    status = next((d for d in week.get("items", []) if d.get("@id") == data.get("@id")), {})
    return site.html(
        request,
        "desk.html",
        desk=data,
        hours=status,
        upcoming=upcoming_exceptions(data, status),
        booking_url=booking_link(desk=data["UID"]) if status.get("agendas") else None,
        canonical_path=f"/{DESKS}/{data['id']}",
        **extra,
    )


def _folded(text):
    """Lower case without accents, for the bodies' search box."""
    return "".join(c for c in unicodedata.normalize("NFKD", (text or "").lower()) if not unicodedata.combining(c))


def matching_bodies(bodies, kind, q):
    """The bodies of ``kind`` (all when empty) matching every word of ``q`` in their
    name, description or what they handle; each with `shown`: the sheets it handles
    that match (all of them when the body matched by its own name, or without words)."""
    words = _folded(q).split()
    found = []
    for body in bodies:
        if kind and body.get("kind") != kind:
            continue
        handles = body.get("handles") or []
        sheets = [s for s in handles if all(w in _folded(f"{s.get('title')} {s.get('case') or ''}") for w in words)]
        own = all(w in _folded(f"{body.get('title')} {body.get('description')} {body.get('kind_title')}") for w in words)
        if words and not (own or sheets):
            continue
        found.append({**body, "shown": handles if own or not words else sheets})
    return found


async def which_desk(request):
    """ "Quel guichet pour ma démarche ?": the bodies, what each handles, their desks and
    today's hours; filtered by kind and words without JavaScript (GET form)."""
    site = site_of(request)
    found, extra = await asyncio.gather(site.backend.get("@organisations"), common(site))
    bodies = found.get("items", [])
    kinds = list(dict.fromkeys((b.get("kind"), b.get("kind_title")) for b in bodies))
    kind = request.query_params.get("type", "")
    kind = kind if kind in {value for value, _title in kinds} else ""
    q = clean_query(request.query_params.get("demarche", ""))
    return site.html(
        request,
        "which_desk.html",
        bodies=matching_bodies(bodies, kind, q),
        kinds=kinds,
        kind=kind,
        q=q,
        today_date=(found.get("open_at") or "")[:10],
        canonical_path=f"/{WHICH_DESK}",
        noindex=bool(kind or q),
        **extra,
    )


def upcoming_exceptions(desk, status):
    """Exceptions not over before this week; one without an end lasts its start day."""
    since = ((status.get("week") or [{}])[0]).get("date") or ""
    rows = [x for x in desk.get("hours_exceptions") or () if isinstance(x, dict) and x.get("start")]
    return [{**x, "end": x.get("end") or x["start"]} for x in rows if (x.get("end") or x["start"]) >= since]


async def life_event(request):
    site = site_of(request)
    token = clean_id(request.path_params["token"])
    events, extra = await asyncio.gather(site.backend.get("@life-events"), common(site))
    event = next((e for e in events.get("items", []) if token and e.get("token") == token), None)
    if event is None:
        raise NotFound(request.url.path)
    return site.html(request, "life_event.html", event=event, canonical_path=f"/evenements/{token}", **extra)


async def feedback(request):
    """'Cette page vous a-t-elle été utile ?' -> POST @feedback, then back to the sheet."""
    site = site_of(request)
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BODY:
        return await error_page(request, 413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BODY:
            return await error_page(request, 413)
    form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), max_num_fields=10).items()}
    back, uid, useful = form.get("retour", ""), form.get("uid", ""), form.get("utile")
    if not RETURN_PATH.match(back) or not UID.match(uid) or useful not in ("oui", "non"):
        return await error_page(request, 400)
    client = visitor(request, site.settings)
    if not site.limiter.allowed(client):
        return await error_page(request, 429)
    payload = {"uid": uid, "useful": useful == "oui", "comment": clean_query(form.get("commentaire", ""), MAX_COMMENT)}
    status = await site.backend.post("@feedback", payload, client)
    if status == 429:
        return await error_page(request, 429)
    if status >= 300:
        return await error_page(request, 503 if status >= 500 else 400)
    return RedirectResponse(f"{back}?avis=merci#avis", status_code=303, headers={"Cache-Control": "no-store"})


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
        f"User-agent: *\nDisallow: /recherche\nDisallow: /avis\nDisallow: /rendez-vous\nSitemap: {base}/sitemap.xml\n",
        media_type="text/plain",
        headers={"Cache-Control": "public, max-age=3600"},
    )


async def error_page(request, status):
    """404 with a search box and the top services; 503 with the town hall's phone number."""
    site = site_of(request)
    top, extra = [], {"site_title": site.settings.site_name}
    if status == 404:
        try:
            top = (await asyncio.wait_for(site.backend.get("@top-services"), 2)).get("items", [])
            extra = await common(site)
        except (BackendUnavailable, NotFound, asyncio.TimeoutError):
            pass
    response = site.html(request, "error.html", code=status, status=status, top=top, max_age=60 if status == 404 else 0, noindex=True, **extra)
    if status == 503:
        response.headers["Retry-After"] = "30"
    return response
