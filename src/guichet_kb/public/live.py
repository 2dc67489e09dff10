"""Live queue pages (issue 19): one broadcaster per desk, and the server-sent events of a
ticket's page (`/file-attente/ticket/<code>/events?token=`).

The cost per viewer does not reach Plone. A desk's `Broadcaster` runs in this process
only while it has subscribers: it reads GET @queues?desk= every `settings.queue_poll`
seconds (public/queue_reads.py `snapshot`, the same cached read the pages use) and hands
the snapshot to every subscriber when a queue's `version` changed, and at least every
`settings.queue_push` seconds (the estimates move with time). A subscriber holds only
the latest snapshot (a queue of one: a slow phone skips, never piles up). A viewer costs
one token check when it connects (none when its page just verified the link), and one
more when the snapshot stops showing its ticket (called away, done, missed). Each stream
sends a comment line every `settings.queue_heartbeat` seconds, so proxies' idle timeouts
(deploy/haproxy, deploy/varnish) never cut it, and ends after QUEUE_STREAM_SECONDS (the
browser reconnects by itself). Nothing is kept but the snapshots (numbers only).
"""

import asyncio
from guichet_kb.public.backend import BackendUnavailable
from guichet_kb.public.backend import NotFound
from guichet_kb.public.config import QUEUE_STREAM_SECONDS
from guichet_kb.public.limits import visitor
from guichet_kb.public.queue_reads import ENDED
from guichet_kb.public.queue_reads import followed
from guichet_kb.public.queue_reads import snapshot
from guichet_kb.public.queue_reads import version_of
import json
import logging
from starlette.responses import Response
from starlette.responses import StreamingResponse
import time


log = logging.getLogger("guichet_kb.public.live")
MAX_DESKS = 200  # broadcasters one process runs at most (desks with queues)
RETRY_MS = 5000  # the browser's wait before it reconnects


class Broadcaster:
    """Polls one desk's snapshot while anyone listens; pushes it on change or every `push` s."""

    def __init__(self, fetch, poll, push):
        self.fetch, self.poll, self.push = fetch, poll, push
        self.subscribers = set()
        self.task = None
        self.latest, self.version, self.pushed_at = None, None, 0.0
        self.polls = 0  # reads of Plone's @queues by this broadcaster (measured by the tests)

    def subscribe(self):
        mailbox = asyncio.Queue(maxsize=1)
        self.subscribers.add(mailbox)
        if self.latest is not None:
            mailbox.put_nowait(self.latest)
        if self.task is None or self.task.done():
            self.task = asyncio.ensure_future(self.run())
        return mailbox

    def unsubscribe(self, mailbox):
        self.subscribers.discard(mailbox)

    @staticmethod
    def offer(mailbox, snap):
        if mailbox.full():
            mailbox.get_nowait()  # the older one is dropped: only the latest counts
        mailbox.put_nowait(snap)

    async def run(self):
        while self.subscribers:
            try:
                snap = await self.fetch()
                self.polls += 1
            except (BackendUnavailable, NotFound) as error:
                log.warning("queue snapshot unavailable: %s", error)
                snap = None
            now = time.monotonic()
            if snap is not None and (version_of(snap) != self.version or now - self.pushed_at >= self.push):
                self.latest, self.version, self.pushed_at = snap, version_of(snap), now
                for mailbox in list(self.subscribers):
                    self.offer(mailbox, snap)
            await asyncio.sleep(self.poll)


class Broadcasters:
    """This process's broadcasters, one per desk, created on the first subscriber."""

    def __init__(self, site):
        self.site = site
        self.desks = {}

    def of(self, desk):
        found = self.desks.get(desk)
        if found is None:
            idle = [uid for uid, b in self.desks.items() if not b.subscribers]
            for uid in idle:
                del self.desks[uid]
            if len(self.desks) >= MAX_DESKS:
                return None
            settings = self.site.settings
            found = self.desks[desk] = Broadcaster(lambda: snapshot(self.site, desk=desk), settings.queue_poll, settings.queue_push)
        return found


def event(name, data):
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n"


async def stream(broadcaster, render, heartbeat, first=None):
    """The event stream of one viewer: `render(snapshot)` -> (text or None, last?) per push."""
    mailbox = broadcaster.subscribe()
    deadline = time.monotonic() + QUEUE_STREAM_SECONDS
    try:
        yield f"retry: {RETRY_MS}\n\n"
        if first:
            yield first
        while time.monotonic() < deadline:
            try:
                snap = await asyncio.wait_for(mailbox.get(), heartbeat)
            except asyncio.TimeoutError:
                yield ": ping\n\n"
                continue
            text, last = await render(snap)
            if text:
                yield text
            if last:
                break
    finally:
        broadcaster.unsubscribe(mailbox)


def event_stream(generator, private=False):
    headers = {"Cache-Control": "private, no-store" if private else "no-store", "X-Accel-Buffering": "no"}
    if private:
        headers["Referrer-Policy"] = "same-origin"
    return StreamingResponse(generator, media_type="text/event-stream; charset=utf-8", headers=headers)


def no_stream(status):
    """A link that does not work (the browser's EventSource stops on a non-200)."""
    return Response(status_code=status, headers={"Cache-Control": "no-store"})


async def ticket_events(request):
    """GET /file-attente/ticket/<code>/events?token=: the ticket's live values."""
    from guichet_kb.public import queue as pages  # the ticket page's helpers (no cycle at import)

    site = request.app.state.site
    code, token = pages.link_of(request, request.query_params)
    if not (code and token):
        return no_stream(404)
    client = visitor(request, site.settings)
    status, data = await followed(site, code, token, client)
    if status != 200:
        return no_stream(status if status in (404, 410) else 503)
    broadcaster = site.broadcasters.of((data.get("desk") or {}).get("uid", ""))
    if broadcaster is None:
        return no_stream(503)
    macros = site.env.get_template("queue_macros.html").module
    state = {"shown": None}

    def rendered(current):
        body = str(macros.ticket_live(current))
        last = current.get("status") in ENDED
        if body == state["shown"] and not last:
            return None, False
        state["shown"] = body
        keys = ("status", "number", "position", "wait_minutes", "call_at")
        payload = {"html": body, "counter": (current.get("counter") or {}).get("label"), **{k: current.get(k) for k in keys}}
        return event("ticket", payload), last

    async def render(snap):
        _status, current = await followed(site, code, token, client, snap)
        return rendered(current) if current is not None else (None, True)

    first, _last = rendered(data)
    return event_stream(stream(broadcaster, render, site.settings.queue_heartbeat, first), private=True)
