"""Booking an appointment on the public site (issue 18): phone first, no JavaScript.

- GET /rendez-vous/nouveau?service=UID[&desk=UID][&type=code][&from=YYYY-MM-DD]: the
  next free slots first (per desk), then the week's days with their free times, week by
  week (`from`); when the service has several appointment types, the type is chosen first.
- GET /rendez-vous/nouveau/coordonnees?agenda=&type=&debut=[&service=][&desk=]: the form
  (name, e-mail, optional phone) with the chosen slot recapped; a slot taken meanwhile
  shows « Ce créneau vient d'être pris » and the next free ones.
- POST the same: same-origin check (public/forms.py), then POST @bookings with the
  visitor's address; 201 -> 303 to the booking's own page (POST-redirect-GET), 409 -> the
  next free slots, 400 -> the form again with the messages by its fields, 429 -> a page
  saying to wait.

The slots come from `GET @slots` (anonymous, cacheable: only published agendas, desks
and sheets the visitor may see). Nothing personal is kept here (public/forms.py).
"""

from datetime import date
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.facts import PUBLIC_BOOKING_WEEK_DAYS
from guichet_kb.public.backend import NotFound
from guichet_kb.public.forms import check_person
from guichet_kb.public.limits import clean_id
from guichet_kb.public.limits import visitor
from guichet_kb.public.pages import common
from guichet_kb.public.pages import error_page
from guichet_kb.public.pages import posted_form
from guichet_kb.public.pages import site_of
from guichet_kb.public.slots import BASE
from guichet_kb.public.slots import booking_link
from guichet_kb.public.slots import desk_services
from guichet_kb.public.slots import first_day
from guichet_kb.public.slots import NEW
from guichet_kb.public.slots import read_slots
import re
from starlette.responses import RedirectResponse
from urllib.parse import urlencode


FORM = f"{NEW}/coordonnees"
UID = re.compile(r"^[0-9a-f]{32}$")
START = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$")
PERSON_FIELDS = ("nom", "courriel", "telephone")


def uid_param(value):
    return value if UID.match(value or "") else ""


def start_param(value):
    return value if START.match(value or "") else ""


def all_types(agendas):
    """The appointment types of the agendas, one per code, in their first order."""
    found = {}
    for agenda in agendas:
        for kind in agenda.get("types") or ():
            found.setdefault(kind.get("code"), kind)
    return list(found.values())


def form_href(agenda, slot, service=""):
    """The form's URL for a slot of an agenda (new booking)."""
    query = {"agenda": agenda["uid"], "type": slot.get("type", ""), "debut": slot["start"]}
    query.update({key: value for key, value in (("service", service), ("desk", (agenda.get("desk") or {}).get("uid", ""))) if value})
    return f"/{FORM}?{urlencode(query)}"


def private(response, status=None):
    """No copy anywhere (a page with a visitor's booking or what they typed)."""
    response.headers["Cache-Control"] = "private, no-store"
    # Never a Referer to another site (the token is in the URL); "no-referrer" would make
    # browsers send `Origin: null` with the page's own forms, which forms.same_origin refuses.
    response.headers["Referrer-Policy"] = "same-origin"
    if "ETag" in response.headers:
        del response.headers["ETag"]
    return response


async def too_many(request):
    """429: too many bookings, moves or cancellations from this connection."""
    site = site_of(request)
    extra = await common(site)
    response = site.html(request, "booking_flood.html", code=429, max_age=0, noindex=True, **extra)
    response.headers["Retry-After"] = "300"
    return private(response)


def week_links(start, query):
    """(previous week's URL or None, next week's URL) of the calendar."""
    today = clock.today()
    back = max(today, start - timedelta(days=PUBLIC_BOOKING_WEEK_DAYS))
    previous = f"/{NEW}?{urlencode({**query, 'from': back.isoformat()})}#calendrier" if start > today else None
    following = f"/{NEW}?{urlencode({**query, 'from': (start + timedelta(days=PUBLIC_BOOKING_WEEK_DAYS)).isoformat()})}#calendrier"
    return previous, following


async def new(request):
    """The next free slots, then the week's calendar (or the type to choose first)."""
    site = site_of(request)
    service, desk = uid_param(request.query_params.get("service")), uid_param(request.query_params.get("desk"))
    if not (service or desk):
        raise NotFound(request.url.path)
    if not service:  # from a desk's page: the service first, unless it books one only
        services = await desk_services(site, desk)
        if len(services) != 1:
            return await choose_service(request, site, desk, services)
        service = services[0]["uid"]
    type_code = clean_id(request.query_params.get("type", ""))
    start = first_day(request.query_params.get("from"))
    data = await read_slots(site, service, desk, type_code, start)
    agendas = data.get("agendas") or []
    if not agendas:
        raise NotFound(request.url.path)
    types = all_types(agendas)
    query = {key: value for key, value in (("service", service), ("desk", desk), ("type", type_code)) if value}
    previous, following = week_links(start, query)
    extra = await common(site)
    return site.html(
        request,
        "booking_slots.html",
        service=data.get("service") or {},
        agendas=agendas,
        types=types,
        type_code=type_code,
        choose_type=len(types) > 1 and not type_code,
        type_href=lambda code: f"/{NEW}?{urlencode({**query, 'type': code})}",
        choose_href=f"/{NEW}?{urlencode({k: v for k, v in query.items() if k != 'type'})}",
        href=lambda agenda, slot: form_href(agenda, slot, service),
        start=start,
        previous=previous,
        following=following,
        noindex=True,
        **extra,
    )


async def choose_service(request, site, desk, services):
    """« Pour quelle démarche ? » at a desk with agendas for several services."""
    if not services:
        raise NotFound(request.url.path)
    extra = await common(site)
    links = [(s, booking_link(service=s["uid"], desk=desk)) for s in services]
    return site.html(request, "booking_services.html", services=links, noindex=True, **extra)


async def _chosen(site, agenda_uid, type_code, begin, service, desk):
    """(the agenda's JSON, the slot if still free or None, the service JSON)."""
    try:
        day = date.fromisoformat(begin[:10])
    except ValueError as error:
        raise NotFound(begin) from error
    data = await read_slots(site, service, desk, type_code, max(day, clock.today()), days=1)
    agenda = next((a for a in data.get("agendas") or () if a.get("uid") == agenda_uid), None)
    if agenda is None:
        raise NotFound(agenda_uid)
    slots = [s for d in agenda.get("days") or () for s in d.get("slots") or ()]
    slot = next((s for s in slots if s.get("start") == begin and s.get("type") == type_code), None)
    return agenda, slot, data.get("service") or {}


def _choice(source):
    return (
        uid_param(source.get("agenda")),
        clean_id(source.get("type", "")),
        start_param(source.get("debut")),
        uid_param(source.get("service")),
        uid_param(source.get("desk")),
    )


async def form_page(request, source=None, status=200, errors=None, message=None, taken_slots=None):
    """The form with the slot recapped, or the next free slots when it is taken."""
    site = site_of(request)
    source = request.query_params if source is None else source
    agenda_uid, type_code, begin, service, desk = _choice(source)
    if not (agenda_uid and type_code and begin and (service or desk)):
        raise NotFound(request.url.path)
    agenda, slot, service_json = await _chosen(site, agenda_uid, type_code, begin, service, desk)
    taken = taken_slots is not None or slot is None
    kind = next((t for t in agenda.get("types") or () if t.get("code") == type_code), {"code": type_code, "label": type_code})
    extra = await common(site)
    response = site.html(
        request,
        "booking_form.html",
        code=409 if taken and status == 200 else status,
        max_age=0,
        agenda=agenda,
        service=service_json,
        kind=kind,
        slot=slot or {"start": begin},
        taken=taken,
        others=taken_slots if taken_slots is not None else agenda.get("next") or [],
        href=lambda a, s: form_href(a, s, service),
        hidden={"agenda": agenda_uid, "type": type_code, "debut": begin, "service": service, "desk": desk},
        values={key: source.get(key, "") for key in PERSON_FIELDS} if errors or message else {},
        errors=errors or {},
        message=message,
        noindex=True,
        **extra,
    )
    return private(response)


async def submit(request):
    """POST of the form: checked here, then POST @bookings; redirected to the booking page."""
    site = site_of(request)
    form, refusal = await posted_form(request)
    if refusal is not None:
        return refusal
    client = visitor(request, site.settings)
    if not site.booking_limiter.allowed(client):
        return await too_many(request)
    person, errors = check_person(form, site.gettext)
    if errors:
        return await form_page(request, form, status=400, errors=errors)
    agenda_uid, type_code, begin, _service, _desk = _choice(form)
    if not (agenda_uid and type_code and begin):
        return await error_page(request, 400)
    payload = {"agenda": agenda_uid, "type": type_code, "start": begin, **person}
    status, data = await site.backend.call("POST", "@bookings", payload=payload, client_ip=client)
    data = data if isinstance(data, dict) else {}
    if status == 201 and data.get("code") and data.get("token"):
        target = f"/{BASE}/{data['code']}?{urlencode({'token': data['token'], 'confirme': 1})}"
        return RedirectResponse(target, status_code=303, headers={"Cache-Control": "no-store"})
    if status == 409 and data.get("slots"):  # taken meanwhile: the next free ones
        return await form_page(request, form, status=409, taken_slots=data["slots"])
    if status == 429:
        return await too_many(request)
    if status in (400, 409):  # refused with its reason (outside hours, lead times, the per-person limit...)
        return await form_page(request, form, status=status, message=(data.get("error") or {}).get("message"))
    if status in (403, 404, 410):
        return await error_page(request, 404)
    return await error_page(request, 503 if status >= 500 else 400)
