"""Page handlers: each reads the REST API through the cached backend and renders a template."""

import asyncio
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.facts import FOLDER_OF
from guichet_kb.public.backend import BackendUnavailable
from guichet_kb.public.backend import BadQuery
from guichet_kb.public.backend import NotFound
from guichet_kb.public.forms import read_form
from guichet_kb.public.forms import same_origin
from guichet_kb.public.forms import TooLarge
from guichet_kb.public.limits import clean_id
from guichet_kb.public.limits import clean_query
from guichet_kb.public.limits import is_bot
from guichet_kb.public.limits import visitor
from guichet_kb.public.queue_reads import snapshot
from guichet_kb.public.slots import booking_link
from guichet_kb.public.slots import NEW
import re
from starlette.background import BackgroundTask
from starlette.responses import JSONResponse
from starlette.responses import RedirectResponse
from urllib.parse import parse_qs


SEARCH_SIZE = 20
INSTANT_SIZE = 6
MAX_FORM_BODY = 4096
MAX_COMMENT = 500
# The public site mirrors the backend's folders (facts.FOLDERS): /demarches/<id> is demarches/<id>.
SHEETS, ANSWERS, DESKS = FOLDER_OF["ServiceSheet"], FOLDER_OF["Answer"], FOLDER_OF["Desk"]
WHICH_DESK = "quel-guichet"  # "Quel guichet pour ma démarche ?" (issue 16)
RETURN_PATH = re.compile(rf"^/{SHEETS}/[A-Za-z0-9][A-Za-z0-9._-]{{0,99}}$")
UID = re.compile(r"^[0-9a-f]{32}$")
# The pages showing catalogue data (regex alternatives after the leading "/"): the home,
# search, sheets, answers, desks, the bodies (which desk), life events, sitemap, the booking
# flow's slots (issue 18; a booking's own page is never cached). A caching proxy drops them all
# when the catalogue changes (guichet_kb.caching.patterns).
CATALOGUE_PAGES = ("$", r"\?", "recherche", f"{SHEETS}/", f"{ANSWERS}/", DESKS, WHICH_DESK, "evenements/", "sitemap", f"{NEW}")


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


async def queues_of(site, desk="", service="", listed=None):
    """The queues of a desk or a sheet (GET @queues, issue 19): [] when its JSON lists none
    (`listed`), or when Plone cannot say (the page shows without them)."""
    if listed is not None and not listed:
        return []
    try:
        return (await snapshot(site, desk=desk, service=service)).get("items") or []
    except (BackendUnavailable, BadQuery, NotFound):
        return []


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
    guichet = data.get("@components", {}).get("guichet", {})
    queues = await queues_of(site, service=data["UID"], listed=data.get("queues", guichet.get("queues")))
    response = site.html(
        request,
        "sheet.html",
        sheet=data,
        # Issue 18: booked here when a published agenda serves the sheet, not on the outside link.
        booking_url=booking_link(service=data["UID"]) if data.get("@components", {}).get("guichet", {}).get("agendas") else None,
        guichet=guichet,
        queues=queues,
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
    queues = await queues_of(site, desk=data["UID"], listed=data.get("queues"))
    return site.html(
        request,
        "desk.html",
        desk=data,
        hours=status,
        upcoming=upcoming_exceptions(data, status),
        booking_url=booking_link(desk=data["UID"]) if status.get("agendas") else None,
        queues=queues,
        canonical_path=f"/{DESKS}/{data['id']}",
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


async def posted_form(request):
    """(form, None) of a POST from this site's pages within the size limit, else (None,
    the refusal page: 403 from elsewhere, 413 too large)."""
    site = site_of(request)
    if not same_origin(request, site.base_url(request)):
        return None, await error_page(request, 403)
    try:
        return await read_form(request), None
    except TooLarge:
        return None, await error_page(request, 413)
