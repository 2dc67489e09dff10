"""The public site's reads of the bookable agendas (issue 18): `GET @slots` through the
cached backend, for the booking pages (public/booking.py, public/my_booking.py) and for
the « Prendre rendez-vous » button of the sheet and desk pages (public/pages.py)."""

from datetime import date
from guichet_kb import clock
from guichet_kb.facts import BOOKING_PUBLIC_PATH
from guichet_kb.facts import PUBLIC_BOOKING_WEEK_DAYS
from guichet_kb.public.backend import BackendUnavailable
from guichet_kb.public.backend import BadQuery
from guichet_kb.public.backend import NotFound
from urllib.parse import urlencode


BASE = BOOKING_PUBLIC_PATH  # the booking links of the e-mails point at /rendez-vous/<code>
NEW = f"{BASE}/nouveau"
BUTTON_GRACE = 0.25  # seconds a sheet or desk page waits for a fresher answer on its agendas when it has one


def first_day(value):
    """The calendar's first day: `from` when a valid date not before today, else today."""
    today = clock.today()
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return today
    return max(day, today)


async def read_slots(site, service="", desk="", type_code="", start=None, days=PUBLIC_BOOKING_WEEK_DAYS, grace=None):
    """GET @slots (cached like every public read); NotFound when Plone refuses the
    parameters (an unknown or hidden service, desk or type reads the same)."""
    params = {key: value for key, value in (("service", service), ("desk", desk), ("type", type_code)) if value}
    if start is not None:
        params["from"] = start.isoformat()
    params["days"] = days
    try:
        return await site.backend.get("@slots", params, grace=grace)
    except BadQuery as error:
        raise NotFound(str(error)) from error


async def agendas_of(site, service="", desk=""):
    """The bookable agendas of a sheet or a desk, [] when none or Plone cannot say (the
    sheet and desk pages then keep their outside link). A slow Plone does not hold the
    page for its button: after BUTTON_GRACE the last answer is used, the refresh goes on."""
    try:
        found = await read_slots(site, service=service, desk=desk, days=1, grace=BUTTON_GRACE)
    except (BackendUnavailable, NotFound):
        return []
    return found.get("agendas") or []


def booking_link(service="", desk=""):
    """/rendez-vous/nouveau?service=UID[&desk=UID]."""
    return f"/{NEW}?" + urlencode({key: value for key, value in (("service", service), ("desk", desk)) if value})
