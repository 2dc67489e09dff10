"""Server-sent events through the deployed proxies (issue 19): the VCL and the HAProxy
configuration rendered from deploy/ as `make cluster` renders them, checked
(`varnishd -C`, `haproxy -c`), then run for real in front of the public app (a stubbed
Plone): the queue's live events reach the client through Varnish and HAProxy as they
are written (unbuffered), marked uncacheable, and a stream outlives the defaults'
60 s-class timeouts only by its keep-alive comments (configured, not waited for here)."""

import asyncio
from guichet_kb.cluster.render import fill
from guichet_kb.cluster.settings import ROOT
from guichet_kb.public.config import Settings
import httpx
from public_helpers import free_port
from public_helpers import serve_public
import pytest
from queue_stub import QueuePlone
import re
import shutil
import signal
from sse_helpers import events
from sse_helpers import next_event
import subprocess
import time
from varnish_helpers import BASE_PORT
from varnish_helpers import run_varnish


# The caching tests' port block (varnish_helpers.BASE_PORT, GUICHET_CACHING_TEST_PORT), past
# their five ports: varnishd also listens on its port + 1 (-T), so a free port is not enough.
APP = free_port()
HAPROXY, VARNISH, NOBODY = BASE_PORT + 10, BASE_PORT + 11, BASE_PORT + 13
HAPROXY_BIN = shutil.which("haproxy") or "/usr/sbin/haproxy"
pytestmark = pytest.mark.skipif(not (shutil.which("varnishd") and shutil.which("haproxy")), reason="needs varnishd and haproxy")


def haproxy_config(work):
    values = {
        "HOST": "127.0.0.1",
        "HAPROXY_PORT": HAPROXY,
        "STATS_SOCKET": work / "haproxy.sock",
        "SITE_ID": "guichet",
        "ZOPE_SERVERS": f"    server i1 127.0.0.1:{NOBODY}",
        "PUBLIC_SERVERS": f"    server public1 127.0.0.1:{APP}",
    }
    path = work / "haproxy.cfg"
    path.write_text(fill("deploy/haproxy/haproxy.cfg.in", values))
    return path


def test_the_templates_declare_the_event_streams():
    vcl = (ROOT / "deploy" / "varnish" / "guichet.vcl.in").read_text()
    assert 'if (req.url ~ "^/file-attente/.+/events(\\?|$)") {\n        set sess.send_timeout = 3700s;\n        return (pass);' in vcl
    assert "set beresp.do_stream = true;" in vcl and "set beresp.do_gzip = false;" in vcl
    haproxy = (ROOT / "deploy" / "haproxy" / "haproxy.cfg.in").read_text()
    assert "http-request set-timeout server 3700s if event_stream" in haproxy and not re.search(r"^\s*compression", haproxy, re.M)


@pytest.fixture
def chain():
    work = ROOT / "var" / "queue-proxies"
    work.mkdir(parents=True, exist_ok=True)
    config = haproxy_config(work)
    checked = subprocess.run([HAPROXY_BIN, "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    plone = QueuePlone()
    settings = Settings(plone_url="http://plone.test/guichet", cache_ttl=0, queue_poll=0.2, queue_heartbeat=1)
    with serve_public(settings, transport=httpx.MockTransport(plone), port=APP):
        haproxy = subprocess.Popen([HAPROXY_BIN, "-f", str(config), "-db"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with run_varnish("127.0.0.1", HAPROXY, VARNISH, "queue-sse") as front:
                deadline = time.monotonic() + 15
                while httpx.get(f"{front}/sante").status_code != 200:
                    assert time.monotonic() < deadline, "the chain did not answer"
                    time.sleep(0.2)
                yield front, plone
        finally:
            haproxy.send_signal(signal.SIGTERM)
            haproxy.wait(10)


def test_events_pass_varnish_and_haproxy_unbuffered(chain):
    front, plone = chain
    code = plone.take()
    plone.take()

    async def scenario():
        async with httpx.AsyncClient(base_url=front, timeout=10) as http:
            started = time.monotonic()
            async with http.stream("GET", f"/file-attente/ticket/{code}/events", params={"token": f"tok-{code}"}) as response:
                headers = response.headers
                stream = events(response.aiter_lines())
                first = await next_event(stream, "ticket", 5)
                first_at = time.monotonic() - started
                await asyncio.sleep(0.5)
                pushed = time.monotonic()
                plone.call_next("G1")
                called = await next_event(stream, "ticket", 5)
                return headers, first, first_at, called, time.monotonic() - pushed

    headers, first, first_at, called, lag = asyncio.run(scenario())
    print(f"\nthrough Varnish and HAProxy: first event after {first_at:.2f} s, a call shown {lag:.2f} s after it was made")
    assert headers["content-type"] == "text/event-stream; charset=utf-8" and headers["x-cache"] == "MISS"
    assert headers["cache-control"] == "private, no-store" and "content-encoding" not in headers
    assert first["data"]["status"] == "waiting" and first_at < 2
    assert called["data"]["status"] == "called" and called["data"]["counter"] == "Guichet 1"
    assert lag < 1.5  # one poll interval and the push, not a proxy's buffer
