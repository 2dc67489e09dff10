"""The public site's reads of the bookable agendas (issue 18), through the cached backend:
`GET @slots` for the booking pages (public/booking.py, public/my_booking.py), and the
services a desk's agendas serve (its « Prendre rendez-vous » button, public/pages.py).

Whether a sheet or a desk is bookable is in its JSON (`agendas`: the sheet's `guichet`
expansion, every desk of `@desks`): published agendas the visitor may see only.
"""

import asyncio
from datetime import date
from guichet_kb import clock
from guichet_kb.facts import AGENDA_DESK_INDEX
from guichet_kb.facts import AGENDA_SERVICES_INDEX
from guichet_kb.facts import AGENDA_TYPE
from guichet_kb.facts import BOOKING_PUBLIC_PATH
from guichet_kb.facts import PUBLIC_BOOKING_WEEK_DAYS
from guichet_kb.public.backend import BadQuery
from guichet_kb.public.backend import NotFound
from urllib.parse import urlencode


BASE = BOOKING_PUBLIC_PATH  # the links of the booking e-mails point at /rendez-vous/<code>
NEW = f"{BASE}/nouveau"
MAX_DESK_AGENDAS = 20


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
    (the agendas at the desk by the catalog, each service checked by `@slots`)."""
    found = await site.backend.get(
        "@search",
        {"portal_type": AGENDA_TYPE, AGENDA_DESK_INDEX: desk, "metadata_fields": AGENDA_SERVICES_INDEX, "b_size": MAX_DESK_AGENDAS},
    )
    uids = sorted({uid for item in found.get("items") or () for uid in item.get(AGENDA_SERVICES_INDEX) or ()})

    async def service(uid):
        try:
            data = await read_slots(site, uid, desk, days=1)
        except NotFound:
            return None  # a sheet the visitor may not see: not offered
        return data.get("service") if data.get("agendas") else None

    services = [s for s in await asyncio.gather(*(service(uid) for uid in uids)) if s]
    return sorted(services, key=lambda s: (s.get("title") or "").lower())


def booking_link(service="", desk=""):
    """/rendez-vous/nouveau?service=UID[&desk=UID]."""
    return f"/{NEW}?" + urlencode({key: value for key, value in (("service", service), ("desk", desk)) if value})
