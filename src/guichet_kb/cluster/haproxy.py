"""HAProxy: its configuration rendered and validated, its command, its admin socket.

The socket (`stats socket ... level admin`) is how a rolling restart drains one
instance: `set server zope/i1 state drain`, wait for its sessions to end, restart it,
`state ready` once it answers again (docs/cluster.md §4).
"""

from guichet_kb.cluster import packages
from guichet_kb.cluster import render
from guichet_kb.cluster.errors import ClusterError
from guichet_kb.cluster.settings import PUBLIC_COPIES
import socket
import subprocess
import time


TEMPLATE = "deploy/haproxy/haproxy.cfg.in"


def config_path(settings):
    return settings.var / "etc" / "haproxy.cfg"


def write_config(settings):
    """Render the configuration and check it with `haproxy -c`; its path."""
    zope = [f"    server i{n} {settings.host}:{settings.instance_port(n)}" for n in range(1, settings.instances + 1)]
    public = [f"    server public{n} {settings.host}:{settings.public_port(n)}" for n in range(1, PUBLIC_COPIES + 1)]
    values = {
        "HOST": settings.host,
        "HAPROXY_PORT": settings.port("HAPROXY_PORT"),
        "STATS_SOCKET": settings.haproxy_socket,
        "SITE_ID": settings.site_id,
        "ZOPE_SERVERS": "\n".join(zope),
        "PUBLIC_SERVERS": "\n".join(public),
    }
    path = config_path(settings)
    render.write(path, render.fill(TEMPLATE, values))
    done = subprocess.run([binary(), "-c", "-f", str(path)], capture_output=True, text=True)
    if done.returncode:
        errors = [line for line in (done.stderr + done.stdout).splitlines() if "ALERT" in line] or (done.stderr + done.stdout).splitlines()
        raise ClusterError(f"{path} is not a valid HAProxy configuration: {errors[0].strip() if errors else done.returncode}")
    return path


def binary():
    return packages.binary("haproxy", "haproxy")


def command(settings):
    return [binary(), "-f", config_path(settings), "-db"]


def admin(settings, line, timeout=5):
    """One command on the admin socket; its answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        connection.connect(str(settings.haproxy_socket))
        connection.sendall(line.encode() + b"\n")
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def stat(settings, backend, server):
    """The `show stat` row of one server as a dict (status, scur, qcur ...)."""
    lines = admin(settings, "show stat").splitlines()
    header = lines[0].lstrip("# ").split(",")
    for line in lines[1:]:
        values = line.split(",")
        row = dict(zip(header, values + [""] * (len(header) - len(values)), strict=False))
        if row.get("pxname") == backend and row.get("svname") == server:
            return row
    raise ClusterError(f"HAProxy has no server {backend}/{server}")


def set_state(settings, backend, server, state):
    answer = admin(settings, f"set server {backend}/{server} state {state}").strip()
    if answer:
        raise ClusterError(f"HAProxy refused `set server {backend}/{server} state {state}`: {answer}")


def wait(settings, backend, server, condition, timeout):
    """Poll the server's stat row until condition(row); the row, or None at the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        row = stat(settings, backend, server)
        if condition(row):
            return row
        if time.monotonic() > deadline:
            return None
        time.sleep(0.2)
