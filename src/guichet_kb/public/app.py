"""The ASGI app: routes, response headers and error pages (never a stack trace).

Run it with `guichet-kb-public` or `uvicorn guichet_kb.public.app:app`.
"""

from contextlib import asynccontextmanager
from guichet_kb.public import bodies
from guichet_kb.public import booking
from guichet_kb.public import display
from guichet_kb.public import live
from guichet_kb.public import my_booking
from guichet_kb.public import opendata
from guichet_kb.public import pages
from guichet_kb.public import queue
from guichet_kb.public import sitemap
from guichet_kb.public.backend import Backend
from guichet_kb.public.backend import BackendUnavailable
from guichet_kb.public.backend import Limit
from guichet_kb.public.backend import NotFound
from guichet_kb.public.backend import PAGE_LIMIT
from guichet_kb.public.config import Settings
from guichet_kb.public.limits import BOOKING_LIMIT
from guichet_kb.public.limits import FEEDBACK_LIMIT
from guichet_kb.public.limits import QUEUE_LIMIT
from guichet_kb.public.queue_reads import BASE as QUEUE_BASE
from guichet_kb.public.queue_reads import DISPLAY
from guichet_kb.public.queue_reads import Links
from guichet_kb.public.queue_reads import TICKETS
from guichet_kb.public.render import Assets
from guichet_kb.public.render import environment
from guichet_kb.public.render import translations
from guichet_kb.ratelimit import RateLimiter
import hashlib
import logging
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import Route


log = logging.getLogger("guichet_kb.public")
FAVICON_MAX_AGE = 7 * 86400  # a fixed URL: a week, revalidated by its ETag

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]


class SecurityHeaders:
    """Adds the headers above to every response (plain ASGI: cheap)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                have = {name.lower() for name, _value in headers}  # a page's own (a stricter referrer policy) is kept
                message["headers"] = headers + [(name, value) for name, value in SECURITY_HEADERS if name not in have]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class PageLimit:
    """Gives each request its freshness limit before any handler reads the API
    (handlers' gathered reads share it: backend.PAGE_LIMIT)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        token = PAGE_LIMIT.set(Limit())
        try:
            await self.app(scope, receive, send)
        finally:
            PAGE_LIMIT.reset(token)


class Site:
    """What every handler needs: settings, backend, templates, assets, feedback and booking limits."""

    def __init__(self, settings, transport=None):
        self.settings = settings
        self.backend = Backend(settings, transport=transport)
        self.assets = Assets()
        self.env = environment(settings, self.assets)
        self.env.globals["which_desk_path"] = pages.WHICH_DESK
        self.limiter = RateLimiter(FEEDBACK_LIMIT)
        self.booking_limiter = RateLimiter(BOOKING_LIMIT)  # booking, moving, cancelling (issue 18)
        self.queue_limiter = RateLimiter(QUEUE_LIMIT)  # queue tickets: take, leave, rejoin (issue 19)
        self.links = Links()  # the queue ticket links this process verified (public/queue_reads.py)
        self.broadcasters = live.Broadcasters(self)  # one per desk with live viewers (public/live.py)
        self.gettext = translations(settings.language).gettext  # messages built in Python (public/forms.py)

    def base_url(self, request):
        return self.settings.public_url or f"{request.url.scheme}://{request.url.netloc}"

    def cache_control(self, max_age=None, extra=""):
        """Cache-Control of a response: max_age (default cache_ttl), never past what its
        API reads allow (behind a purged cache); then no grace copy (Varnish)."""
        ttl = self.settings.cache_ttl if max_age is None else max_age
        limit = PAGE_LIMIT.get()
        capped = limit is not None and limit.seconds < ttl
        ttl = int(limit.seconds if capped else ttl)
        if not ttl:
            return "no-store"
        return f"public, max-age={ttl}{extra}" + (", stale-while-revalidate=0" if capped else "")

    def html(self, request, template, code=200, max_age=None, **context):
        context.setdefault("site_name", self.settings.site_name or context.get("site_title") or "")
        context.setdefault("base_url", self.base_url(request))
        body = self.env.get_template(template).render(request=request, **context).encode()
        etag = f'"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
        headers = {"ETag": etag, "Vary": "Accept-Encoding", "Cache-Control": self.cache_control(max_age, ", stale-if-error=86400")}
        if code == 200 and request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(body, status_code=code, headers=headers, media_type="text/html; charset=utf-8")


async def not_found(request, exc=None):
    return await pages.error_page(request, 404)


async def unavailable(request, exc):
    log.warning("backend unavailable: %s", exc)
    return await pages.error_page(request, 503)


async def server_error(request, exc):
    log.exception("error on %s", request.url.path, exc_info=exc)
    return await pages.error_page(request, 500)


async def http_error(request, exc):
    return await pages.error_page(request, exc.status_code if exc.status_code in (404, 405, 413, 429) else 404)


async def static(request):
    name = request.path_params["name"]
    found = request.app.state.site.assets.files.get(name)
    if found is None:
        raise HTTPException(404)
    body, media_type = found
    return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=31536000, immutable"})


async def favicon(request):
    """/favicon.ico, where browsers and crawlers look for it (pages link the fingerprinted copy)."""
    assets = request.app.state.site.assets
    body, media_type = assets.files[assets.names["favicon.ico"]]
    headers = {"Cache-Control": f"public, max-age={FAVICON_MAX_AGE}", "ETag": f'"{assets.names["favicon.ico"].split(".")[1]}"'}
    if request.headers.get("if-none-match") == headers["ETag"]:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


async def health(request):
    return Response("ok", media_type="text/plain", headers={"Cache-Control": "no-store"})


def create_app(settings=None, transport=None):
    site = Site(settings or Settings.from_env(), transport=transport)

    @asynccontextmanager
    async def lifespan(app):
        yield
        await site.backend.close()

    routes = [
        Route("/", pages.home),
        Route("/recherche", pages.search),
        Route("/recherche.json", pages.instant),
        Route(f"/{pages.SHEETS}/{{id}}", pages.sheet),
        Route(f"/{pages.ANSWERS}/{{id}}", pages.answer),
        Route(f"/{pages.DESKS}", pages.desks),
        Route(f"/{pages.DESKS}/{{id}}", pages.desk),
        Route(f"/{pages.WHICH_DESK}", bodies.which_desk),
        Route("/evenements/{token}", pages.life_event),
        Route("/avis", pages.feedback, methods=["POST"]),
        Route("/sitemap.xml", sitemap.sitemap),
        Route("/sitemap-{page:int}.xml", sitemap.sitemap_page),
        Route("/robots.txt", sitemap.robots),
        Route(f"/{opendata.PATH}", opendata.page),
        Route(f"/{opendata.PATH}/{{name}}", opendata.download),
        Route(f"/{booking.NEW}", booking.new),
        Route(f"/{booking.FORM}", booking.form_page, methods=["GET"]),
        Route(f"/{booking.FORM}", booking.submit, methods=["POST"]),
        Route(f"/{booking.BASE}/{{code}}", my_booking.show),
        Route(f"/{booking.BASE}/{{code}}/deplacer", my_booking.move, methods=["GET"]),
        Route(f"/{booking.BASE}/{{code}}/deplacer", my_booking.move_submit, methods=["POST"]),
        Route(f"/{booking.BASE}/{{code}}/annuler", my_booking.cancel, methods=["GET"]),
        Route(f"/{booking.BASE}/{{code}}/annuler", my_booking.cancel_submit, methods=["POST"]),
        Route(f"/{TICKETS}/{{code}}", queue.show),
        Route(f"/{TICKETS}/{{code}}/events", live.ticket_events),
        Route(f"/{TICKETS}/{{code}}/quitter", queue.leave, methods=["POST"]),
        Route(f"/{TICKETS}/{{code}}/je-suis-la", queue.rejoin, methods=["POST"]),
        Route(f"/{DISPLAY}/{{uid}}", display.page),
        Route(f"/{DISPLAY}/{{uid}}/events", display.events),
        Route(f"/{QUEUE_BASE}/{{uid}}", queue.form_page, methods=["GET"]),
        Route(f"/{QUEUE_BASE}/{{uid}}", queue.submit, methods=["POST"]),
        Route("/favicon.ico", favicon),
        Route("/static/{name}", static),
        Route("/sante", health),
    ]
    handlers = {NotFound: not_found, BackendUnavailable: unavailable, HTTPException: http_error, Exception: server_error}
    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.state.site = site
    app.add_middleware(SecurityHeaders)
    app.add_middleware(PageLimit)
    return app


def __getattr__(name):
    # `uvicorn guichet_kb.public.app:app` builds the app from the environment on demand,
    # so importing this module (tests, tools) does not need PLONE_URL.
    if name == "app":
        return create_app()
    raise AttributeError(name)
