"""A citizen's booking behind the link of their mail (issue 18): see, move, cancel.

- GET /rendez-vous/<code>?token=...: GET @bookings/<code>?token=...: the date, the place,
  the documents to bring, « Déplacer » and « Annuler » (while it is booked and to come).
- GET /rendez-vous/<code>/deplacer?token=...[&from=]: the free slots of the same type at
  the same desk (public/booking.py's page); with &debut=<start>: the move recapped, then
  POST -> PATCH @bookings/<code> {"start"}; a slot taken meanwhile: the next free ones.
- GET /rendez-vous/<code>/annuler?token=...: a confirmation step, POST -> DELETE.

The token (signed, expiring when the appointment starts) is the only key: a forged one
reads as « lien invalide » (404) whether the code exists or not, an expired one « Ce lien
a expiré » (410). These pages are never cached anywhere (Cache-Control private, no-store),
not indexed, and send no Referer to another site (the token is in their URL). The booking is read from
Plone on every request (public/backend.py `call`), never from the shared cache; nothing
of it is kept here.
"""

from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.facts import PUBLIC_BOOKING_WEEK_DAYS
from guichet_kb.public.booking import private
from guichet_kb.public.booking import start_param
from guichet_kb.public.booking import too_many
from guichet_kb.public.limits import clean_query
from guichet_kb.public.limits import visitor
from guichet_kb.public.pages import common
from guichet_kb.public.pages import error_page
from guichet_kb.public.pages import posted_form
from guichet_kb.public.pages import site_of
from guichet_kb.public.slots import BASE
from guichet_kb.public.slots import first_day
from guichet_kb.public.slots import read_slots
import re
from starlette.responses import RedirectResponse
from urllib.parse import urlencode


CODE = re.compile(r"^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$")
MAX_TOKEN = 512
DONE = {"confirme": "booked", "deplace": "moved", "annule": "cancelled"}  # ?<flag>=1 after a POST -> the message shown


def _code(request):
    code = request.path_params.get("code", "")
    return code.upper() if CODE.match(code) else ""


def _token(source):
    token = clean_query(source.get("token", ""), MAX_TOKEN + 1)
    return token if 0 < len(token) <= MAX_TOKEN and " " not in token else ""


async def link_error(request, status):
    """The page of a link that does not work: 410 expired, else 404 invalid."""
    site = site_of(request)
    extra = await common(site)
    expired = status == 410
    response = site.html(request, "booking_link_error.html", code=410 if expired else 404, max_age=0, expired=expired, noindex=True, **extra)
    return private(response)


async def _booking(request, code, token):
    """(status, booking JSON) of GET @bookings/<code>?token=..."""
    site = site_of(request)
    if not (code and token):
        return 404, None
    status, data = await site.backend.call("GET", f"@bookings/{code}", params={"token": token}, client_ip=visitor(request, site.settings))
    return status, data if isinstance(data, dict) else None


async def _opened(request, source):
    """(code, token, booking, failure) of the link: the booking, else the error page to answer."""
    code, token = _code(request), _token(source)
    status, booking = await _booking(request, code, token)
    if status != 200 or booking is None:
        return code, token, None, await (error_page(request, 503) if status >= 500 else link_error(request, status))
    return code, token, booking, None


def _ahead(start):
    """True when the ISO moment `start` is still to come."""
    try:
        return datetime.fromisoformat(start) > clock.now()
    except (TypeError, ValueError):
        return False


def _manage(code, token, **more):
    return f"/{BASE}/{code}?{urlencode({'token': token, **more})}"


async def show(request):
    """The booking page."""
    site = site_of(request)
    code, token, booking, failure = await _opened(request, request.query_params)
    if failure is not None:
        return failure
    done = next((message for flag, message in DONE.items() if request.query_params.get(flag) == "1"), None)
    extra = await common(site)
    response = site.html(
        request,
        "booking_page.html",
        max_age=0,
        booking=booking,
        done=done,
        open=booking.get("status") == "booked" and _ahead(booking.get("start")),
        move_href=f"/{BASE}/{code}/deplacer?{urlencode({'token': token})}",
        cancel_href=f"/{BASE}/{code}/annuler?{urlencode({'token': token})}",
        noindex=True,
        **extra,
    )
    return private(response)


async def move(request, taken_slots=None, status_code=200, source=None, message=None):
    """The free slots of the booking's type and desk, or the chosen move recapped."""
    site = site_of(request)
    source = request.query_params if source is None else source
    code, token, booking, failure = await _opened(request, source)
    if failure is not None:
        return failure
    if booking.get("status") != "booked":
        return private(RedirectResponse(_manage(code, token), status_code=303))
    service, desk, kind = booking.get("service") or {}, booking.get("desk") or {}, booking.get("type") or {}
    begin = start_param(source.get("debut")) if taken_slots is None else ""
    start = first_day(source.get("from"))
    data = await read_slots(site, service.get("uid", ""), desk.get("uid", ""), kind.get("code", ""), start)
    agendas = [a for a in data.get("agendas") or () if a.get("uid") == booking.get("agenda")]
    query = {"token": token}
    today = clock.today()
    back = max(today, start - timedelta(days=PUBLIC_BOOKING_WEEK_DAYS))
    week = lambda day: f"/{BASE}/{code}/deplacer?{urlencode({**query, 'from': day.isoformat()})}#calendrier"  # noqa: E731
    extra = await common(site)
    response = site.html(
        request,
        "booking_move.html",
        code=status_code,
        max_age=0,
        booking=booking,
        agendas=agendas,
        begin=begin,
        taken=taken_slots is not None,
        others=taken_slots or [],
        message=message,
        href=lambda agenda, slot: f"/{BASE}/{code}/deplacer?{urlencode({**query, 'debut': slot['start']})}",
        start=start,
        previous=week(back) if start > today else None,
        following=week(start + timedelta(days=PUBLIC_BOOKING_WEEK_DAYS)),
        token=token,
        back_href=_manage(code, token),
        noindex=True,
        **extra,
    )
    return private(response)


async def cancel(request):
    """The confirmation step before cancelling."""
    site = site_of(request)
    code, token, booking, failure = await _opened(request, request.query_params)
    if failure is not None:
        return failure
    if booking.get("status") != "booked":
        return private(RedirectResponse(_manage(code, token), status_code=303))
    extra = await common(site)
    back = _manage(code, token)
    response = site.html(request, "booking_cancel.html", max_age=0, booking=booking, token=token, back_href=back, noindex=True, **extra)
    return private(response)


async def _posted(request):
    """(form, None) of a booking POST, or (None, the refusal page)."""
    site = site_of(request)
    form, refusal = await posted_form(request)
    if refusal is not None:
        return None, refusal
    if not site.booking_limiter.allowed(visitor(request, site.settings)):
        return None, await too_many(request)
    return form, None


async def _answer(request, status, code, token, flag, data):
    """The page after PATCH or DELETE: the booking page (303) or what went wrong."""
    if status in (200, 204):
        fresh = (data or {}).get("token") if isinstance(data, dict) else None  # a moved booking gets a new link
        return RedirectResponse(_manage(code, fresh or token, **{flag: 1}), status_code=303, headers={"Cache-Control": "no-store"})
    if status == 429:
        return await too_many(request)
    if status >= 500:
        return await error_page(request, 503)
    return await link_error(request, status) if status in (403, 404, 410) else None


async def move_submit(request):
    """POST of the move: PATCH @bookings/<code>?token= {"start"}."""
    site = site_of(request)
    form, refused = await _posted(request)
    if refused is not None:
        return refused
    code, token, begin = _code(request), _token(form), start_param(form.get("debut"))
    if not (code and token and begin):
        return await link_error(request, 404)
    params, client = {"token": token}, visitor(request, site.settings)
    status, data = await site.backend.call("PATCH", f"@bookings/{code}", params=params, payload={"start": begin}, client_ip=client)
    page = await _answer(request, status, code, token, "deplace", data)
    if page is not None:
        return page
    data = data if isinstance(data, dict) else {}
    if status == 409 and data.get("slots"):  # taken meanwhile: the next free ones
        return await move(request, taken_slots=data["slots"], status_code=409, source={"token": token})
    message = (data.get("error") or {}).get("message")
    return await move(request, status_code=409 if status == 409 else 400, source={"token": token}, message=message)


async def cancel_submit(request):
    """POST of the cancellation: DELETE @bookings/<code>?token=."""
    site = site_of(request)
    form, refused = await _posted(request)
    if refused is not None:
        return refused
    code, token = _code(request), _token(form)
    if not (code and token):
        return await link_error(request, 404)
    status, data = await site.backend.call("DELETE", f"@bookings/{code}", params={"token": token}, client_ip=visitor(request, site.settings))
    page = await _answer(request, status, code, token, "annule", data)
    if page is None and status == 409:  # no longer cancellable (started, or handled at the desk): its page says so
        return private(RedirectResponse(_manage(code, token), status_code=303))
    return page if page is not None else await error_page(request, 400)
