"""A real varnishd for tests, from deploy/varnish/guichet.vcl.in as make cluster renders it.

`run_varnish(backend_host, backend_port, port)` renders the VCL with
guichet_kb.cluster.render.fill (the purge ACL: 127.0.0.1 only, so a client from
127.0.0.2 is outside it), compiles it (`varnishd -C`) for a clear error, starts
`varnishd -F` with its working directory under the worktree's var/, waits until it
answers, and stops it with SIGTERM afterwards (no orphan).
"""

from contextlib import contextmanager
from guichet_kb.cluster.render import fill
from guichet_kb.cluster.settings import ROOT
import http.client
import os
import shutil
import signal
import socket
import subprocess
import time


VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
BASE_PORT = int(os.environ.get("GUICHET_CACHING_TEST_PORT", "18310"))  # this session's range
PURGE_ACL = '"127.0.0.1";'
OUTSIDE_ACL = "127.0.0.2"  # a loopback address the ACL does not list


def ipv4(host):
    """The VCL needs one address: the IPv4 one of the functional server's host name."""
    return socket.getaddrinfo(host, None, socket.AF_INET)[0][4][0]


@contextmanager
def run_varnish(backend_host, backend_port, port, name):
    work = ROOT / "var" / "caching" / name
    work.mkdir(parents=True, exist_ok=True)
    vcl = work / "guichet.vcl"
    vcl.write_text(fill("deploy/varnish/guichet.vcl.in", {"BACKEND_HOST": ipv4(backend_host), "BACKEND_PORT": backend_port, "PURGE_ACL": PURGE_ACL}))
    workdir = work / "n"
    subprocess.run([VARNISHD, "-C", "-f", str(vcl), "-n", str(workdir)], check=True, capture_output=True)
    process = subprocess.Popen(
        [VARNISHD, "-F", "-a", f"127.0.0.1:{port}", "-T", f"127.0.0.1:{port + 1}", "-f", str(vcl), "-n", str(workdir), "-s", "malloc,64m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"varnishd exited: {process.stderr.read().decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("varnishd did not answer within 15 s") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def request_from(source, port, method, path, headers=None):
    """(status, headers) of one request sent from the address `source`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5, source_address=(source, 0))
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status, dict(response.getheaders())
    finally:
        connection.close()
