"""The queue's live updates (issue 19, public/live.py): one broadcaster per desk, so the cost
per viewer does not reach Plone. Measured: N subscribers -> one @queues read per poll
interval; N live ticket pages -> one token check each, at connect; the server-sent events
parsed as a browser would (positions falling as agents call, « C'est votre tour »)."""

import asyncio
from guichet_kb.public.config import Settings
from guichet_kb.public.live import Broadcaster
import httpx
from public_helpers import free_port
from public_helpers import serve_public
import pytest
from queue_stub import DESK
from queue_stub import QueuePlone
from sse_helpers import events
from sse_helpers import next_event
import time


PORT = free_port()
POLL = 0.2


def test_many_subscribers_one_poll_per_interval():
    async def scenario():
        state = {"version": 1, "reads": 0}

        async def fetch():
            state["reads"] += 1
            return {"items": [{"uid": "q", "version": state["version"]}]}

        broadcaster = Broadcaster(fetch, poll=0.05, push=60)
        mailboxes = [broadcaster.subscribe() for _ in range(200)]
        got = [0] * len(mailboxes)

        async def listen(i, mailbox):
            while True:
                await mailbox.get()
                got[i] += 1

        listeners = [asyncio.ensure_future(listen(i, m)) for i, m in enumerate(mailboxes)]
        start = time.monotonic()
        await asyncio.sleep(0.5)
        state["version"] = 2
        await asyncio.sleep(0.5)
        elapsed = time.monotonic() - start
        reads = state["reads"]
        for mailbox in mailboxes:
            broadcaster.unsubscribe(mailbox)
        await asyncio.sleep(0.2)
        after = state["reads"]
        await asyncio.sleep(0.3)
        for listener in listeners:
            listener.cancel()
        return reads, elapsed, got, after, state["reads"]

    reads, elapsed, got, after, later = asyncio.run(scenario())
    print(f"\n200 subscribers for {elapsed:.2f} s, poll 0.05 s: {reads} reads of @queues ({reads / elapsed:.1f}/s)")
    assert 0.6 * elapsed / 0.05 <= reads <= elapsed / 0.05 + 2  # one read per interval, whatever the subscribers
    assert got == [2] * 200  # the first snapshot, then the version change: nothing in between
    assert later == after  # no subscriber: no more reads


def test_a_push_every_push_interval_without_change():
    async def scenario():
        async def fetch():
            return {"items": [{"uid": "q", "version": 7}]}

        broadcaster = Broadcaster(fetch, poll=0.02, push=0.25)
        mailbox = broadcaster.subscribe()
        count, deadline = 0, time.monotonic() + 1.0
        while time.monotonic() < deadline:
            try:
                await asyncio.wait_for(mailbox.get(), deadline - time.monotonic())
                count += 1
            except asyncio.TimeoutError:
                break
        broadcaster.unsubscribe(mailbox)
        return count

    assert asyncio.run(scenario()) in (4, 5)  # at 0, then every 0.25 s: the estimates move with time


@pytest.fixture
def live():
    plone = QueuePlone()
    settings = Settings(plone_url="http://plone.test/guichet", cache_ttl=0, queue_poll=POLL, queue_push=30, queue_heartbeat=0.5)
    with serve_public(settings, transport=httpx.MockTransport(plone), port=PORT) as url:
        yield url, plone


def test_live_ticket_pages_cost_one_check_each(live):
    url, plone = live
    codes = [plone.take() for _ in range(20)]

    async def scenario():
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            contexts = [http.stream("GET", f"/file-attente/ticket/{code}/events", params={"token": f"tok-{code}"}) for code in codes]
            responses = [await c.__aenter__() for c in contexts]
            assert {r.status_code for r in responses} == {200}
            assert responses[0].headers["content-type"] == "text/event-stream; charset=utf-8"
            assert responses[0].headers["cache-control"] == "private, no-store"
            streams = [events(r.aiter_lines()) for r in responses]
            first = [await next_event(s, "ticket", 5) for s in streams]
            polls_before, start = plone.count("@queues"), time.monotonic()
            await asyncio.sleep(2.0)
            polls = plone.count("@queues") - polls_before
            elapsed = time.monotonic() - start
            plone.call_next("G1")
            plone.call_next("G2")
            moved = [await next_event(s, "ticket", 5) for s in streams]
            pings = 0
            async for found in streams[-1]:
                if found.get("comment") == "ping":
                    pings += 1
                    break
            for c in contexts:
                await c.__aexit__(None, None, None)
            await asyncio.sleep(1.5)  # the streams notice at their next write (a keep-alive at most)
            idle = plone.count("@queues")
            await asyncio.sleep(1.0)
            return first, moved, polls, elapsed, pings, plone.count("@queues") - idle

    first, moved, polls, elapsed, pings, after_close = asyncio.run(scenario())
    checks = sum(plone.count(f"@queue-tickets/{code}") for code in codes)
    print(f"\n20 live ticket pages for {elapsed:.2f} s: {polls} reads of @queues (poll {POLL} s), {checks} token checks")
    assert checks == 20  # one per viewer, at connect
    assert polls <= elapsed / POLL + 1  # one broadcaster for the desk, not one poll per viewer
    assert [e["data"]["position"] for e in first] == list(range(1, 21))
    assert first[0]["data"]["status"] == "waiting" and "Position dans la file : 1" in first[0]["data"]["html"]
    assert moved[0]["data"]["status"] == "called" and moved[0]["data"]["counter"] == "Guichet 1"
    assert "C'est votre tour : Guichet 2" in moved[1]["data"]["html"]
    assert [e["data"]["position"] for e in moved[2:]] == list(range(1, 19))  # the wait fell by two
    assert pings == 1  # the keep-alive comment while nothing changes
    assert after_close == 0  # the viewers gone, the broadcaster stops polling


def test_the_display_stream_announces_each_call(live):
    url, plone = live
    for _ in range(3):
        plone.take()

    async def scenario():
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            async with http.stream("GET", f"/file-attente/ecran/{DESK}/events") as response:
                assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
                stream = events(response.aiter_lines())
                first = await next_event(stream, "board", 5)
                plone.call_next("G2")
                called = await next_event(stream, "board", 5)
                return first, called

    first, called = asyncio.run(scenario())
    assert first["data"]["announce"] == "" and "Aucun numéro appelé pour le moment." in first["data"]["html"]
    assert called["data"]["announce"] == "Numéro C001 : Guichet 2." and called["data"]["calls"] == 1
    assert '<span class="call-ticket">C001</span>' in called["data"]["html"]
