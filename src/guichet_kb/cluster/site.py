"""The demo site in the cluster's database: created once, before any instance serves.

scripts/create_site.py (the same as `make start`'s) runs through instance 1's
configuration with `zconsole run`. It is skipped when the database already holds
RelStorage's schema and the stamp $CLUSTER_VAR/site-ready says it ran with the same
inputs (site id, passwords, mail settings, the demo catalogue, the profile version,
the caching proxy) — as scripts/start.sh does for the FileStorage.
"""

from guichet_kb.cluster.errors import ClusterError
from guichet_kb.cluster.settings import ROOT
from guichet_kb.facts import DEFAULT_ADMIN_PASSWORD
from guichet_kb.facts import DEFAULT_DEMO_PASSWORD
import hashlib
from pathlib import Path
import subprocess
import sys
import time


SCRIPT = ROOT / "scripts" / "create_site.py"
INPUTS = ("SITE_ID", "ADMIN_PASSWORD", "DEMO_PASSWORD", "SMTP_HOST", "SMTP_PORT", "EMAIL_FROM", "GUICHET_DEMO", "CACHING_PROXIES", "PUBLIC_SITE_URL")
FILES = ("src/guichet_kb/demo/catalogue.json", "src/guichet_kb/profiles/default/metadata.xml")


def environment(settings, base):
    """What create_site.py reads: the site id, the passwords, the caching proxy (Varnish),
    the public site's address."""
    env = dict(base)
    env["SITE_ID"] = settings.site_id
    env.setdefault("ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD)
    env.setdefault("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
    env["CACHING_PROXIES"] = settings.front_url
    # The links of booking e-mails (appointments/links.py): the first public-app copy, unless told.
    env.setdefault("PUBLIC_SITE_URL", f"http://{settings.host}:{settings.public_port(1)}")
    return env


def stamp_path(settings):
    return settings.var / "site-ready"


def wanted(env):
    digest = hashlib.sha256("\n".join(env.get(name, "") for name in INPUTS).encode())
    for name in FILES:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def has_schema(pg, settings):
    """Whether RelStorage's tables exist in the database (an instance opened it once)."""
    return pg.psql("select to_regclass('public.object_state') is not null", database=settings.database) == "t"


def needed(pg, settings, env):
    try:
        stamp = stamp_path(settings).read_text().strip()
    except OSError:
        stamp = ""
    return stamp != wanted(env) or not has_schema(pg, settings)


def create(settings, zope_conf, env, stopping, timeout=600):
    """Run create_site.py; ClusterError with the log's tail when it fails."""
    log = settings.var / "log" / "create_site.log"
    zconsole = Path(sys.executable).parent / "zconsole"
    command = [str(zconsole), "run", str(zope_conf), str(SCRIPT)]
    with open(log, "ab") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=str(settings.var), start_new_session=True)
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        if stopping() or time.monotonic() > deadline:
            process.terminate()
            process.wait()
            if stopping():
                return False
            raise ClusterError(f"the site setup did not finish within {timeout} s; see {log}")
        time.sleep(0.2)
    if process.returncode:
        lines = log.read_text(errors="replace").strip().splitlines()
        raise ClusterError(f"the site setup failed (exit {process.returncode}): {lines[-1] if lines else ''}; see {log}")
    stamp_path(settings).write_text(wanted(env) + "\n")
    return True
