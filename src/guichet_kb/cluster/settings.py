"""Where each part of the cluster listens and lives: every default declared once.

All values come from the environment (the same names as the README's table); an
invalid value is refused before anything is created.
"""

from dataclasses import dataclass
from dataclasses import field
from guichet_kb.cluster.errors import ClusterError
import os
from pathlib import Path


ROOT = Path(__file__).resolve().parents[3]

# name -> default. The README's "make cluster" table lists the same names.
PORTS = {
    "FRONT_PORT": 8090,  # Varnish: the site URL printed
    "VARNISH_ADMIN_PORT": 8091,  # varnishd -T (127.0.0.1 only)
    "HAPROXY_PORT": 8070,  # HAProxy (stats under /haproxy-stats)
    "PLONE_PORT": 8081,  # instance N listens on PLONE_PORT + N - 1
    "PUBLIC_PORT": 8001,  # public-app copy N listens on PUBLIC_PORT + N - 1
    "PG_PORT": 55432,  # PostgreSQL (not 5432: the system's own cluster)
}
INSTANCES = 2
PUBLIC_COPIES = 2
MAX_INSTANCES = 16
SITE_ID = "guichet"
DATABASE = "guichet"
DB_USER = "guichet"
# The longest Unix socket path each program accepts (HAProxy 2.6 says "too long (max
# 97)"; PostgreSQL is bound by sizeof(sun_path) - 1). A longer CLUSTER_VAR is refused.
SOCKET_PATH_MAX = {"HAProxy": 97, "PostgreSQL": 107}


def _int(environ, name, default, low, high):
    raw = environ.get(name, "")
    if raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ClusterError(f"{name}={raw!r} is not a number") from None
    if not low <= value <= high:
        raise ClusterError(f"{name}={value} is out of range ({low}-{high})")
    return value


@dataclass(frozen=True)
class Settings:
    """One cluster's ports, paths and database access."""

    var: Path
    ports: dict
    instances: int = INSTANCES
    site_id: str = SITE_ID
    database: str = DATABASE
    db_user: str = DB_USER
    db_password: str = "guichet"
    host: str = "127.0.0.1"
    environ: dict = field(default_factory=dict, repr=False)

    def port(self, name):
        return self.ports[name]

    def instance_port(self, number):
        return self.ports["PLONE_PORT"] + number - 1

    def public_port(self, number):
        return self.ports["PUBLIC_PORT"] + number - 1

    @property
    def haproxy_socket(self):
        return self.var / "run" / "haproxy.sock"

    @property
    def pg_socket_dir(self):
        return self.var / "pg" / "run"

    def sockets(self):
        """(program, path) of every Unix socket this cluster binds."""
        return [("HAProxy", self.haproxy_socket), ("PostgreSQL", self.pg_socket_dir / f".s.PGSQL.{self.ports['PG_PORT']}")]

    def instance_dir(self, number):
        return self.var / "instances" / f"i{number}"

    @property
    def front_url(self):
        return f"http://{self.host}:{self.ports['FRONT_PORT']}"

    @property
    def site_url(self):
        return f"{self.front_url}/{self.site_id}"

    def dsn(self, database=None):
        where = f"host='{self.host}' port='{self.ports['PG_PORT']}'"
        return f"dbname='{database or self.database}' user='{self.db_user}' password='{self.db_password}' {where}"

    def listening(self):
        """(port, what) for every port this cluster binds."""
        found = [(self.ports[name], name) for name in ("FRONT_PORT", "VARNISH_ADMIN_PORT", "HAPROXY_PORT", "PG_PORT")]
        found += [(self.instance_port(n), f"instance {n} (PLONE_PORT + {n - 1})") for n in range(1, self.instances + 1)]
        found += [(self.public_port(n), f"public app {n} (PUBLIC_PORT + {n - 1})") for n in range(1, PUBLIC_COPIES + 1)]
        return found


def from_env(environ=None):
    """The settings from the environment; ClusterError on a bad value or a clash."""
    environ = dict(os.environ if environ is None else environ)
    ports = {name: _int(environ, name, default, 1024, 65535) for name, default in PORTS.items()}
    settings = Settings(
        var=Path(environ.get("CLUSTER_VAR") or ROOT / "var" / "cluster").resolve(),
        ports=ports,
        instances=_int(environ, "INSTANCES", INSTANCES, 1, MAX_INSTANCES),
        site_id=environ.get("SITE_ID") or SITE_ID,
        db_password=environ.get("PG_PASSWORD") or "guichet",
        environ=environ,
    )
    seen = {}
    for port, what in settings.listening():
        if port > 65535:
            raise ClusterError(f"{what} would listen on port {port}, beyond 65535: lower the setting")
        if port in seen:
            raise ClusterError(f"port {port} is set for both {seen[port]} and {what}")
        seen[port] = what
    for program, path in settings.sockets():
        if len(str(path)) > SOCKET_PATH_MAX[program]:
            raise ClusterError(
                f"CLUSTER_VAR={settings.var} is too long: {program}'s socket {path} would exceed"
                f" {SOCKET_PATH_MAX[program]} characters; choose a shorter directory"
            )
    return settings
