"""The hall display of a desk (issue 19): `/file-attente/ecran/<desk uid>`, anonymous.

Per counter the number it calls, then each queue's next numbers with their estimated
waits; very large, high contrast (public/static/site.css `.hall`), the new calls
announced to screen readers (an aria-live region), an optional chime (`?son=1`:
public/static/queue.js plays it with WebAudio, no sound file). The board is rendered
from the desk's snapshot (public/queue_reads.py `board`: numbers only, never a contact
or a code); public/static/queue.js follows `/file-attente/ecran/<desk uid>/events`
(the desk's broadcaster, public/live.py: a screen costs Plone nothing of its own) and
swaps the board in; without JavaScript the page refreshes every QUEUE_REFRESH_SECONDS.
Nothing is kept.
"""

from guichet_kb.public.backend import NotFound
from guichet_kb.public.config import QUEUE_REFRESH_SECONDS
from guichet_kb.public.live import event
from guichet_kb.public.live import event_stream
from guichet_kb.public.live import no_stream
from guichet_kb.public.live import stream
from guichet_kb.public.pages import common
from guichet_kb.public.pages import site_of
from guichet_kb.public.queue_reads import board
from guichet_kb.public.queue_reads import DISPLAY
from guichet_kb.public.queue_reads import new_calls
from guichet_kb.public.queue_reads import snapshot
from guichet_kb.public.queue_reads import UID


async def _desk(request, site):
    """(desk uid, snapshot, desk JSON) of a desk with queues, else NotFound."""
    uid = request.path_params.get("uid", "")
    snap = await snapshot(site, desk=uid) if UID.match(uid) else None
    items = (snap or {}).get("items") or []
    if not items:
        raise NotFound(request.url.path)
    return uid, snap, items[0].get("desk") or {}


def _calls_text(site, calls):
    """« Numéro C013 : Guichet 2 » for each new call (the aria-live announcement)."""
    return " ".join(site.gettext("Number %(ticket)s: %(counter)s.") % {"ticket": c["ticket"], "counter": c["counter"]} for c in calls)


async def page(request):
    site = site_of(request)
    uid, snap, desk = await _desk(request, site)
    shown = board(snap)
    extra = await common(site)
    response = site.html(
        request,
        "queue_display.html",
        max_age=0,
        desk=desk,
        board=shown,
        sound=request.query_params.get("son") == "1",
        events=f"/{DISPLAY}/{uid}/events",
        refresh=QUEUE_REFRESH_SECONDS,
        noindex=True,
        **extra,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


async def events(request):
    """GET /file-attente/ecran/<desk uid>/events: the board on every push."""
    site = site_of(request)
    try:
        uid, snap, _desk_json = await _desk(request, site)
    except NotFound:
        return no_stream(404)
    broadcaster = site.broadcasters.of(uid)
    if broadcaster is None:
        return no_stream(503)
    macros = site.env.get_template("queue_macros.html").module
    state = {"board": board(snap), "shown": None}

    def rendered(current, calls):
        body = str(macros.hall_board(current))
        if body == state["shown"]:
            return None
        state["shown"] = body
        return event("board", {"html": body, "announce": _calls_text(site, calls), "calls": len(calls)})

    async def render(fresh):
        current = board(fresh)
        calls = new_calls(state["board"], current)
        state["board"] = current
        return rendered(current, calls), False

    return event_stream(stream(broadcaster, render, site.settings.queue_heartbeat, rendered(state["board"], [])))
