"""The public site's calls of the virtual queue's REST services (issue 19, COMMON19 §3), and
what a ticket's page or the hall display shows computed from a desk's snapshot.

- `snapshot(site, desk=, service=)`: GET @queues (anonymous, numbers only), read through the
  shared backend cache with a freshness of `settings.queue_poll`: the desk and sheet pages,
  the take form, every refresh of a ticket page or a display and the desk's broadcaster
  (public/live.py) share one read per desk per interval, whatever the number of viewers.
- `ticket(site, code, token, client)`: the ticket behind its link, GET @queue-tickets/<code>
  ?token= uncached (never shared); `take`, `leave`, `rejoin`: the visitor's writes.
- `Links`: the links this process verified, so a viewer costs Plone one token check when
  it connects (then again only after QUEUE_LINK_RECHECK_SECONDS, or when the snapshot no
  longer shows the ticket: called away, done, missed, transferred).

Kept here, in memory only: for each verified link, the ticket's JSON (no e-mail or phone:
the REST service never returns them) under a hash of the token, at most LINK_ENTRIES,
dropped after QUEUE_LINK_RECHECK_SECONDS or when the visitor leaves or rejoins.
"""

from collections import OrderedDict
from guichet_kb.facts import QUEUE_PUBLIC_PATH
from guichet_kb.public.backend import BadQuery
from guichet_kb.public.backend import NotFound
from guichet_kb.public.config import QUEUE_LINK_RECHECK_SECONDS
import hashlib
import re
import time


BASE = QUEUE_PUBLIC_PATH  # /file-attente/<queue uid>: the form; the tracking links of the mails
TICKETS = f"{BASE}/ticket"
DISPLAY = f"{BASE}/ecran"
UID = re.compile(r"^[0-9a-f]{32}$")
CODE = re.compile(r"^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$")  # appointments.codes.new_code()
MAX_TOKEN = 512
LINK_ENTRIES = 20000
ENDED = ("done", "cancelled")  # nothing more to follow: the stream ends


async def snapshot(site, desk="", service=""):
    """GET @queues[?desk=][&service=]: {"items": [Queue JSON]} (at most one read per interval);
    NotFound for a desk or a sheet Plone does not list (its 400)."""
    params = {key: value for key, value in (("desk", desk), ("service", service)) if value}
    try:
        return await site.backend.get("@queues", params or None, ttl=site.settings.queue_poll)
    except BadQuery as error:
        raise NotFound(str(error)) from error


async def one_queue(site, uid):
    """GET @queues/<uid>: one listed queue's JSON (NotFound for another UID)."""
    return await site.backend.get(f"@queues/{uid}", ttl=site.settings.queue_poll)


def queue_in(data, uid):
    return next((q for q in (data or {}).get("items") or () if isinstance(q, dict) and q.get("uid") == uid), None)


def version_of(data):
    """What changes whenever one of the desk's queues changes (their `version`s)."""
    return tuple((q.get("uid"), q.get("version")) for q in (data or {}).get("items") or () if isinstance(q, dict))


async def ticket(site, code, token, client):
    """(status, ticket JSON or None) of GET @queue-tickets/<code>?token=."""
    status, data = await site.backend.call("GET", f"@queue-tickets/{code}", params={"token": token}, client_ip=client)
    return status, data if isinstance(data, dict) else None


async def take(site, payload, client):
    status, data = await site.backend.call("POST", "@queue-tickets", payload=payload, client_ip=client)
    return status, data if isinstance(data, dict) else {}


async def leave(site, code, token, client):
    site.links.drop(code)
    status, data = await site.backend.call("DELETE", f"@queue-tickets/{code}", params={"token": token}, client_ip=client)
    return status, data if isinstance(data, dict) else {}


async def rejoin(site, code, token, client):
    site.links.drop(code)
    status, data = await site.backend.call("POST", f"@queue-tickets/{code}/rejoin", params={"token": token}, client_ip=client)
    return status, data if isinstance(data, dict) else {}


class Links:
    """The ticket links this process verified: (code, token hash) -> (ticket JSON, when)."""

    def __init__(self, seconds=QUEUE_LINK_RECHECK_SECONDS, size=LINK_ENTRIES):
        self.seconds, self.size = seconds, size
        self.entries = OrderedDict()

    @staticmethod
    def key(code, token):
        return code, hashlib.blake2b(token.encode(), digest_size=16).hexdigest()

    def get(self, code, token):
        found = self.entries.get(self.key(code, token))
        if found is None or time.monotonic() - found[1] > self.seconds:
            return None
        return found[0]

    def put(self, code, token, data):
        self.entries[self.key(code, token)] = (data, time.monotonic())
        self.entries.move_to_end(self.key(code, token))
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)

    def drop(self, code):
        for key in [k for k in self.entries if k[0] == code]:
            del self.entries[key]


def live(data, snap):
    """The ticket's values the desk's snapshot shows (status, position, call_at, wait_minutes,
    counter), or None when the snapshot does not show it (ended, missed, moved elsewhere)."""
    queue = queue_in(snap, ((data.get("queue") or {}).get("uid")))
    label = data.get("number")
    if queue is None or not label:
        return None
    place = (queue.get("positions") or {}).get(label)
    if isinstance(place, dict):
        keys = ("position", "call_at", "wait_minutes")
        return {"status": "waiting", "counter": None, **{key: place.get(key) for key in keys}}
    called = next((n for n in queue.get("now") or () if isinstance(n, dict) and n.get("ticket") == label), None)
    if called is not None:
        return {"status": "called", "counter": {"code": called.get("counter"), "label": called.get("label")}, "position": None, "wait_minutes": None}
    return None


async def followed(site, code, token, client, snap=None, fresh=False):
    """(status, ticket JSON with its live values) of a link: from this process's verified
    links and the desk's snapshot, asking Plone when the link is new, old, or the snapshot
    no longer shows the ticket; (404|410|503, None) for a link that does not work."""
    data = None if fresh else site.links.get(code, token)
    checked = data is None
    if checked:
        status, data = await ticket(site, code, token, client)
        if status != 200 or data is None:
            return status, None
        site.links.put(code, token, data)
    if snap is None:
        snap = await snapshot(site, desk=(data.get("desk") or {}).get("uid", ""))
    values = live(data, snap) if data.get("status") in ("waiting", "called") else None
    if values is None and not checked and data.get("status") in ("waiting", "called"):
        return await followed(site, code, token, client, snap, fresh=True)  # changed: ask Plone once
    return 200, {**data, **(values or {})}


def board(snap):
    """The hall display's content: the counters calling (by counter label) and the next
    numbers of each queue with their estimated waits."""
    items = [q for q in (snap or {}).get("items") or () if isinstance(q, dict)]
    now = [n for q in items for n in q.get("now") or () if isinstance(n, dict)]
    calls = [{"counter": n.get("label") or n.get("counter"), "ticket": n.get("ticket"), "since": n.get("since")} for n in now]
    calls.sort(key=lambda c: str(c["counter"]))
    queues = []
    for q in items:
        positions = q.get("positions") or {}
        upcoming = [{"ticket": label, "wait_minutes": (positions.get(label) or {}).get("wait_minutes")} for label in q.get("next") or ()]
        queues.append({"title": q.get("title"), "open": q.get("open"), "waiting": q.get("waiting"), "next": upcoming})
    return {"calls": calls, "queues": queues, "open": any(q.get("open") for q in items)}


def new_calls(before, after):
    """The calls of `after` not on the board `before` (a number newly at a counter)."""
    seen = {(c["counter"], c["ticket"], c["since"]) for c in (before or {}).get("calls") or ()}
    return [c for c in after["calls"] if (c["counter"], c["ticket"], c["since"]) not in seen and c["ticket"]]
