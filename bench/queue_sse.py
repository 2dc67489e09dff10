"""Open tracking pages for the queue benchmark: SSE clients on the public site's app.

`Pages` runs an asyncio loop in its own thread; `open(url)` (thread-safe) adds one
client that reads the server-sent event stream of a ticket's tracking page until the
bench stops as the page's script does (reconnecting when the app ends a stream, opening it
again when the ticket's status changes, stopping when it ended), counting the events
it receives and when. `connected()` samples how many are open. Only the events are counted,
their content is not parsed beyond the `event:`/`data:` lines.
"""

import asyncio
from dataclasses import dataclass
from dataclasses import field
import httpx
import json
import threading
import time


RETRY_S = 5  # the public app's `retry:` (public/live.py RETRY_MS)
ENDED = ("done", "cancelled")  # public/queue_reads.py: nothing more to follow


async def events(response):
    """The JSON data of each event of a server-sent event stream."""
    data = []
    async for line in response.aiter_lines():
        if line.startswith("data:"):
            data.append(line[5:].strip())
        elif not line.strip() and data:  # a blank line ends an event
            try:
                yield json.loads("\n".join(data))
            except ValueError:
                yield {}
            data = []


@dataclass
class Page:
    url: str
    opened: float = 0.0
    status: int = 0
    events: list = field(default_factory=list)  # time.time() of each event
    error: str = ""
    connected: bool = False
    connects: int = 0
    status_seen: str | None = None  # the ticket's status in its last event


class Pages(threading.Thread):
    def __init__(self, limit=600):
        super().__init__(daemon=True)
        self.loop = asyncio.new_event_loop()
        self.limit, self.pages, self._tasks = limit, [], []
        self._ready = threading.Event()

    def run(self):
        asyncio.set_event_loop(self.loop)
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(30.0, read=None),
            limits=httpx.Limits(max_connections=self.limit, max_keepalive_connections=0),
            headers={"Accept": "text/event-stream", "User-Agent": "queue-bench-page"},
        )
        self._ready.set()
        self.loop.run_forever()

    def open(self, url):
        self._ready.wait()
        page = Page(url)
        self.pages.append(page)
        asyncio.run_coroutine_threadsafe(self._read(page), self.loop)
        return page

    async def _read(self, page):
        """Follow the stream as the page's script does (public/static/queue.js): on a change
        of status the page reloads (here: the stream is opened again), an ended ticket's
        page stops; a stream the app ends is reopened after its `retry:`; a non-200 stops."""
        page.opened = time.time()
        try:
            while page.status_seen not in ENDED:
                async with self.client.stream("GET", page.url) as response:
                    page.status = response.status_code
                    if response.status_code != 200:
                        return
                    page.connected, page.connects = True, page.connects + 1
                    async for data in events(response):
                        page.events.append(time.time())
                        status = data.get("status")
                        if page.status_seen and status != page.status_seen:
                            page.status_seen = status
                            break  # the page reloads
                        page.status_seen = status
                page.connected = False
                if page.status_seen not in ENDED:
                    await asyncio.sleep(RETRY_S)
        except (httpx.HTTPError, asyncio.CancelledError) as error:
            page.error = page.error or type(error).__name__
        finally:
            page.connected = False

    def open_count(self):
        """The streams connected now."""
        return sum(1 for page in self.pages if page.connected)

    def close(self):
        async def shut():
            for task in asyncio.all_tasks(self.loop):
                if task is not asyncio.current_task():
                    task.cancel()
            await self.client.aclose()

        asyncio.run_coroutine_threadsafe(shut(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
