"""A desk in JSON: one shape for `@desks`, `@answer`, the `guichet` expansion,
the agent console and the Classic pages.

Times are the desk's wall-clock time with its UTC offset; `time_zone` names the
zone, so a client shows them as the desk's local time whatever its own zone. The
desk, with its hours (open now, closing time, next opening, the week), is
computed once per desk, moment and request: a desk named by many sheets of one
`@answer` is worked out once. `notices` are the desk's notices active at that
moment (notices/json.py), the same wherever the desk is shown; `agendas` where
it can be booked (serializers/agenda.py), `queues` its walk-in queues (serializers/queue.py).
"""

from guichet_kb import clock
from guichet_kb.content.indexers import organisation_uid
from guichet_kb.hours import Schedule
from guichet_kb.serializers.agenda import desk_agendas
from guichet_kb.serializers.organisation import organisation_summary
from guichet_kb.serializers.queue import desk_queues
from guichet_kb.visibility import visible_brains
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
    return schedule_hours(desk.schedule(), when)


def schedule_hours(schedule, when=None):
    """The same from a `Schedule` (a desk's, or one rebuilt from catalog metadata)."""
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


def desk_card(desk):
    """What a desk's JSON takes from the desk itself, as plain values: the
    `guichet_desk` catalog column (serializers/card.py), so a sheet's card shows
    its desk without waking it; refreshed whenever the desk is reindexed."""
    return {
        "address": desk_address(desk),
        "phone": desk.phone,
        "email": desk.email,
        "appointment_url": desk.appointment_url,
        "latitude": desk.latitude,
        "longitude": desk.longitude,
        "opening_hours": tuple(dict(row) for row in desk.opening_hours or ()),
        "hours_exceptions": tuple(dict(row) for row in desk.hours_exceptions or ()),
    }


ORGANISATIONS_KEY = "guichet_kb.serializers.desk.organisations"


def _seen_organisations(request):
    """{UID: the organisation's brain, or None when the caller may not see it}, per request."""
    request = request if request is not None else getRequest()
    return IAnnotations(request).setdefault(ORGANISATIONS_KEY, {}) if request is not None else {}


def seen_organisations(brains, request=None):
    """Organisations' brains the caller may see, already found (`@answer`'s related
    items): desks of theirs name them without another catalog query."""
    seen = _seen_organisations(request)
    for brain in brains:
        if brain.portal_type == "Organisation":
            seen.setdefault(brain.UID, brain)


def _organisation(uid, request=None):
    """The desk's organisation, summarised, if the caller may see it (else None)."""
    if not uid:
        return None
    seen = _seen_organisations(request)
    if uid not in seen:
        brain = visible_brains([uid]).get(uid)
        seen[uid] = brain if brain is not None and brain.portal_type == "Organisation" else None
    return organisation_summary(seen[uid]) if seen[uid] is not None else None


def _json(url, uid, title, card, hours, notices, organisation=None, request=None):
    return {
        "@id": url,
        "UID": uid,
        "title": title,
        "address": card["address"],
        "phone": card["phone"],
        "email": card["email"],
        "appointment_url": card["appointment_url"],
        "latitude": card["latitude"],
        "longitude": card["longitude"],
        "organisation": _organisation(organisation, request),
        **hours,
        "notices": notices,
        "agendas": desk_agendas(uid, request),
        "queues": desk_queues(uid, request),
    }


def _desk_json(desk, when, request=None):
    from guichet_kb.notices import json as notices_json

    notices = notices_json.active_json(notices_json.notices(desk), when)
    card = desk_card(desk)
    return _json(
        desk.absolute_url(), desk.UID(), safe_text(desk.Title()), card, compute_hours(desk, when), notices, organisation_uid.callable(desk), request
    )


def _cached(uid, when, request, compute):
    request = request if request is not None else getRequest()
    if request is None:
        return compute()
    cache = IAnnotations(request).setdefault(CACHE_KEY, {})
    key = (uid, when)
    if key not in cache:
        cache[key] = compute()
    return dict(cache[key])


def desk_brain_json(brain, card, when=None, request=None):
    """The same JSON from the desk's catalog brain and its `guichet_desk` column
    (``card``); one cache with `desk_json` (the same desk reads the same)."""

    def compute():
        from guichet_kb.notices import json as notices_json

        hours = schedule_hours(Schedule(card["opening_hours"], card["hours_exceptions"]), when)
        organisation = getattr(brain, "organisation_uid", None) or None
        return _json(brain.getURL(), brain.UID, brain.Title, card, hours, notices_json.of_brain(brain, when), organisation, request)

    return _cached(brain.UID, when, request, compute)


def desk_json(desk, when=None, request=None):
    """The desk: where it is, how to reach it, and its hours at ``when`` (now if None).

    Computed once per desk, moment and request (the request's annotations hold
    it; within one request a desk is shown as it was the first time)."""
    return _cached(desk.UID(), when, request, lambda: _desk_json(desk, when, request))
