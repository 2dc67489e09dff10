"""Varnish: the VCL rendered from deploy/varnish/guichet.vcl.in and compiled, its command.

The VCL's rules are the purge/caching design's (docs/cluster.md §5); here only its
placeholders are filled: HAProxy as the backend, the instances' addresses as the
only ones allowed to PURGE or BAN.
"""

from guichet_kb.cluster import packages
from guichet_kb.cluster import render
from guichet_kb.cluster.errors import ClusterError
import subprocess


TEMPLATE = "deploy/varnish/guichet.vcl.in"
STORAGE = "malloc,256m"


def vcl_path(settings):
    return settings.var / "etc" / "guichet.vcl"


def work_dir(settings):
    return settings.var / "varnish"


def binary():
    return packages.binary("varnishd", "varnish")


def write_vcl(settings):
    """Render the VCL and compile it (`varnishd -C`) for a clear error before starting."""
    addresses = sorted({settings.host})  # every instance listens on the cluster's host
    values = {
        "BACKEND_HOST": settings.host,
        "BACKEND_PORT": settings.port("HAPROXY_PORT"),
        "PURGE_ACL": "\n".join(f'    "{address}";' for address in addresses),
    }
    path = vcl_path(settings)
    render.write(path, render.fill(TEMPLATE, values))
    done = subprocess.run([binary(), "-C", "-f", str(path), "-n", str(work_dir(settings))], capture_output=True, text=True)
    if done.returncode:
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        raise ClusterError(f"{path} does not compile: {' '.join(lines[:3])}")
    return path


def command(settings):
    host = settings.host
    return [
        binary(), "-F", "-a", f"{host}:{settings.port('FRONT_PORT')}", "-T", f"{host}:{settings.port('VARNISH_ADMIN_PORT')}",
        "-f", vcl_path(settings), "-n", work_dir(settings), "-s", STORAGE,
    ]  # fmt: skip
