"""Configuration files of the cluster, filled from the project's templates.

Templates use @@NAME@@ placeholders, like the ones scripts/instance.sh fills for
`make start`: instance/*.in for the Zope instances, deploy/ for HAProxy, Varnish and
systemd. An unknown placeholder left in a template is an error, not a silent blank.
"""

from guichet_kb.cluster.errors import ClusterError
from guichet_kb.cluster.settings import ROOT
import re
import shutil


PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
BLOB_CACHE_SIZE = "1gb"  # RelStorage: "at least 1 gigabyte is recommended"
CACHE_LOCAL_MB = 100  # the persistent object cache per instance (docs/cluster.md §3)


def fill(template, values):
    text = (ROOT / template).read_text(encoding="utf-8")
    missing = sorted({name for name in PLACEHOLDER.findall(text) if name not in values})
    if missing:
        raise ClusterError(f"{template}: no value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)


def write(path, text, mode=0o644):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(mode)
    temporary.replace(path)


def trusted_proxies(settings):
    addresses = settings.environ.get("TRUSTED_PROXIES", "127.0.0.1 ::1").replace(",", " ").split()
    return "\n".join(f"trusted-proxy {address}" for address in addresses)


def instance(settings, number):
    """etc/{zope.conf,storage.conf,zope.ini,site.zcml} of instance `number`; its paths."""
    home = settings.instance_dir(number)
    for sub in ("etc", "log", "cache", "cache-rs", "blobcache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    (home / "blobcache").chmod(0o700)
    values = {
        "TRUSTED_PROXIES": trusted_proxies(settings),
        "INSTANCE": home,
        "VAR": home,
        "INSTANCE_VAR": home,
        "HOST": settings.host,
        "PORT": settings.instance_port(number),
        "PG_DSN": settings.dsn(),
        "BLOB_CACHE_SIZE": BLOB_CACHE_SIZE,
        "CACHE_LOCAL_MB": CACHE_LOCAL_MB,
    }
    etc = home / "etc"
    write(etc / "zope.conf", fill("instance/zope.conf.in", values))
    write(etc / "storage.conf", fill("instance/storage-relstorage.conf.in", values), mode=0o600)
    write(etc / "zope.ini", fill("instance/zope.ini.in", values))
    shutil.copy(ROOT / "instance" / "site.zcml", etc / "site.zcml")
    return etc


def pack_config(settings):
    """The zodbpack configuration (cron, one host); its path (private: it holds the DSN)."""
    path = settings.var / "etc" / "zodbpack.conf"
    write(path, fill("instance/zodbpack.conf.in", {"PG_DSN": settings.dsn()}), mode=0o600)
    return path
