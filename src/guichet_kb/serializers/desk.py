"""A desk in JSON: one shape for `@desks`, `@answer`, the `guichet` expansion,
the agent console and the Classic pages.

Times are the desk's wall-clock time with its UTC offset; `time_zone` names the
zone, so a client shows them as the desk's local time whatever its own zone. The
desk, with its hours (open now, closing time, next opening, the week), is
computed once per desk, moment and request: a desk named by many sheets of one
`@answer` is worked out once.
"""

from guichet_kb import clock
from plone.base.utils import safe_text
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest


CACHE_KEY = "guichet_kb.serializers.desk"


def desk_address(desk):
    """'1 place de la Mairie, 99000 Ville-Exemple' (the parts that are filled)."""
    return ", ".join(p for p in (desk.street, " ".join(filter(None, (desk.postal_code, desk.city)))) if p)


def _iso(moment):
    return moment.isoformat() if moment else None


def compute_hours(desk, when=None):
    """Open now, closing time, next opening and the week of ``when`` (now if None)."""
    schedule = desk.schedule()
    status = schedule.status(when)
    return {
        "open_now": status["open_now"],
        "time_zone": clock.zone().key,
        "closes_at": _iso(status["closes_at"]),
        "next_opening": _iso(status["next_opening"]),
        "week": [
            {
                "date": day["date"].isoformat(),
                "day": day["day"],
                "exception": day["exception"],
                "ranges": [[opens.strftime("%H:%M"), closes.strftime("%H:%M")] for opens, closes in day["ranges"]],
            }
            for day in schedule.week(when)
        ],
    }


def _desk_json(desk, when):
    return {
        "@id": desk.absolute_url(),
        "UID": desk.UID(),
        "title": safe_text(desk.Title()),
        "address": desk_address(desk),
        "phone": desk.phone,
        "email": desk.email,
        "appointment_url": desk.appointment_url,
        "latitude": desk.latitude,
        "longitude": desk.longitude,
        **compute_hours(desk, when),
    }


def desk_json(desk, when=None, request=None):
    """The desk: where it is, how to reach it, and its hours at ``when`` (now if None).

    Computed once per desk, moment and request (the request's annotations hold
    it; within one request a desk is shown as it was the first time)."""
    request = request if request is not None else getRequest()
    if request is None:
        return _desk_json(desk, when)
    cache = IAnnotations(request).setdefault(CACHE_KEY, {})
    key = (desk.UID(), when)
    if key not in cache:
        cache[key] = _desk_json(desk, when)
    return dict(cache[key])
