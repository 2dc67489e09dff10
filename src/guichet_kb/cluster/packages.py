"""The system packages the cluster runs on (Debian's), found or installed.

Debian 12 gives PostgreSQL 15, HAProxy 2.6 and Varnish 7.1 (docs/cluster.md §1);
libpq-dev is what psycopg2 (the `cluster` extra) is built against. Missing ones are
installed with apt-get when running as root (CI, a fresh VM); otherwise the apt-get
line to run is printed and nothing is started.
"""

import glob
from guichet_kb.cluster.errors import ClusterError
import os
from pathlib import Path
import shutil
import subprocess


APT_PACKAGES = ("postgresql", "haproxy", "varnish", "libpq-dev")


def postgres_bin():
    """The newest /usr/lib/postgresql/<version>/bin holding initdb, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def binary(name, package):
    """The path of `name` on PATH; ClusterError naming the package to install."""
    found = shutil.which(name)
    if not found:
        raise ClusterError(f"{name} is not installed: {apt_line([package])}")
    return found


def _present():
    """package -> whether what the cluster needs from it is on this machine."""
    return {
        "postgresql": postgres_bin() is not None,
        "haproxy": shutil.which("haproxy") is not None,
        "varnish": shutil.which("varnishd") is not None,
        "libpq-dev": shutil.which("pg_config") is not None,
    }


def missing():
    return [name for name, ok in _present().items() if not ok]


def apt_line(names):
    return "apt-get install -y --no-install-recommends " + " ".join(names)


def ensure(install=None):
    """Install what is missing (root with apt-get), else raise with the line to run."""
    names = missing()
    if not names:
        return []
    if install is None:
        install = os.geteuid() == 0 and shutil.which("apt-get") is not None and os.environ.get("CLUSTER_NO_APT") != "1"
    if not install:
        raise ClusterError(f"missing system packages: {', '.join(names)}; install them with: sudo {apt_line(names)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-q"], apt_line(names).split()):
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode:
            tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
            raise ClusterError(f"`{' '.join(command)}` failed: {tail[0]}")
    still = missing()
    if still:
        raise ClusterError(f"apt-get ran but these are still missing: {', '.join(still)}")
    return names
