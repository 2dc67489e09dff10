"""The public site's reads of the bookable agendas (issue 18), through the cached backend:
`GET @slots` for the booking pages (public/booking.py, public/my_booking.py), and the
services a desk's agendas serve (its « Prendre rendez-vous » button, public/pages.py).

Whether a sheet or a desk is bookable is in its JSON (`agendas`: the sheet's `guichet`
expansion, every desk of `@desks`): published agendas the visitor may see only.
"""

import asyncio
from datetime import date
from guichet_kb import clock
from guichet_kb.facts import BOOKING_PUBLIC_PATH
from guichet_kb.facts import PUBLIC_BOOKING_WEEK_DAYS
from guichet_kb.public.backend import BadQuery
from guichet_kb.public.backend import NotFound
from urllib.parse import urlencode


BASE = BOOKING_PUBLIC_PATH  # the links of the booking e-mails point at /rendez-vous/<code>
NEW = f"{BASE}/nouveau"
MAX_DESK_AGENDAS = 20  # agendas of one desk read for its « Pour quelle démarche ? »


def first_day(value):
    """The calendar's first day: `from` when a valid date not before today, else today."""
    today = clock.today()
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return today
    return max(day, today)


async def read_slots(site, service="", desk="", type_code="", start=None, days=PUBLIC_BOOKING_WEEK_DAYS):
    """GET @slots (cached like every public read); NotFound when Plone refuses the
    parameters (an unknown or hidden service, desk or type reads the same)."""
    params = {key: value for key, value in (("service", service), ("desk", desk), ("type", type_code)) if value}
    if start is not None:
        params["from"] = start.isoformat()
    params["days"] = days
    try:
        return await site.backend.get("@slots", params)
    except BadQuery as error:
        raise NotFound(str(error)) from error


async def desk_services(site, desk):
    """The services the visitor may book at this desk, by title: [{"uid", "title", "url"}]
    (the desk's agendas from `@desks`, the services of their types from each agenda's
    JSON, each checked by `@slots`: a sheet the visitor may not see is not offered)."""
    listing = await site.backend.get("@desks")
    entry = next((d for d in listing.get("items") or () if d.get("UID") == desk), None) or {}
    path = site.env.filters["path"]
    agendas = await asyncio.gather(*(site.backend.get(path(a.get("url")).lstrip("/")) for a in (entry.get("agendas") or ())[:MAX_DESK_AGENDAS]))
    uids = sorted({row.get("service") for agenda in agendas for row in agenda.get("appointment_types") or () if row.get("service")})

    async def service(uid):
        try:
            data = await read_slots(site, uid, desk, days=1)
        except NotFound:
            return None
        return data.get("service") if data.get("agendas") else None

    services = [s for s in await asyncio.gather(*(service(uid) for uid in uids)) if s]
    return sorted(services, key=lambda s: (s.get("title") or "").lower())


def booking_link(service="", desk=""):
    """/rendez-vous/nouveau?service=UID[&desk=UID]."""
    return f"/{NEW}?" + urlencode({key: value for key, value in (("service", service), ("desk", desk)) if value})
