"""Real sites for the backup and migration tests: a FileStorage demo site, instances, PostgreSQL.

Everything lives under the worktree's var/test-backup/ (not pytest's tmp_path: the
`postgres` user must be able to enter the PostgreSQL data directory's parents). The
demo site is built once by scripts/create_site.py through zconsole, as `make start`
does, into a template that each test module copies (rebuilt when what it is made
from changes). Ports come from BACKUP_TEST_PORT (default 18400) upward.
"""

import contextlib
import hashlib
import os
from pathlib import Path
from repo_paths import ROOT
import requests
import shutil
import subprocess
import sys
import threading
import time


BIN = Path(sys.executable).parent
BASE = ROOT / "var" / "test-backup"
PORT = int(os.environ.get("BACKUP_TEST_PORT", "18400"))
ADMIN = ("admin", "admin-backup")
SITE_ID = "guichet"
OCTETS = "application/octet-stream"
MADE_FROM = ("scripts/create_site.py", "src/guichet_kb/demo/catalogue.json", "src/guichet_kb/profiles/default/metadata.xml")


def fs_env(var, port):
    """The environment scripts/start.sh gives its scripts, for a FileStorage under `var`."""
    env = dict(os.environ, GUICHET_VAR=str(var), PLONE_HOST="127.0.0.1", PLONE_PORT=str(port), SITE_ID=SITE_ID)
    env.update(ADMIN_PASSWORD=ADMIN[1], PYTHONPATH=str(ROOT / "src"), TZ="Europe/Paris")
    return env


def _stamp():
    digest = hashlib.sha256()
    for name in MADE_FROM:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def template():
    """var/test-backup/template: a GUICHET_VAR holding the demo site (built if stale)."""
    var = BASE / "template"
    stamp = var / ".made-from"
    if stamp.exists() and stamp.read_text() == _stamp():
        return var
    shutil.rmtree(var, ignore_errors=True)
    env = fs_env(var, PORT)
    subprocess.run(["bash", "scripts/instance.sh"], cwd=ROOT, env=env, check=True)
    conf = var / "instance" / "etc" / "zope.conf"
    subprocess.run([BIN / "zconsole", "run", conf, "scripts/create_site.py"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=900)
    stamp.write_text(_stamp())
    return var


def fs_site(name, port):
    """A fresh copy of the template site in var/test-backup/<name>, configured for `port`."""
    var = BASE / name
    shutil.rmtree(var, ignore_errors=True)
    source = template()
    var.mkdir(parents=True)
    for part in ("filestorage", "blobstorage"):
        shutil.copytree(source / part, var / part)
    (var / "filestorage" / "Data.fs.lock").unlink(missing_ok=True)
    subprocess.run(["bash", "scripts/instance.sh"], cwd=ROOT, env=fs_env(var, port), check=True)
    return var


class Instance:
    """A Zope instance served by guichet_kb.cluster.serve from an etc/zope.ini."""

    def __init__(self, zope_ini, port, env, log):
        self.zope_ini, self.port, self.env, self.log = zope_ini, port, env, log
        self.url = f"http://127.0.0.1:{port}/{SITE_ID}"
        self.process = None

    def start(self, timeout=300):
        free(self.port)
        self.process = subprocess.Popen(
            [BIN / "python", "-m", "guichet_kb.cluster.serve", str(self.zope_ini)],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.log, "ab"),
        )
        deadline = time.monotonic() + timeout
        while True:
            assert self.process.poll() is None, Path(self.log).read_text(errors="replace")[-3000:]
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/@@ok", timeout=5).status_code == 200:
                    return self
            assert time.monotonic() < deadline, "the instance did not start"
            time.sleep(0.5)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=120)
        self.process = None


def free(port):
    """Refuse to start on a port something else answers on (it would be tested instead)."""
    from guichet_kb.cluster.ports import in_use

    assert not in_use(port), f"port {port} is in use: set BACKUP_TEST_PORT to a free range of 50 ports"


def fs_instance(var, port):
    return Instance(var / "instance" / "etc" / "zope.ini", port, fs_env(var, port), var / "server.log")


def admin():
    session = requests.Session()
    session.auth = ADMIN
    session.headers.update({"Accept": "application/json"})
    return session


def cli(*args, env):
    """`python -m guichet_kb.cluster.backups ARGS` as make runs it: (exit status, stdout, stderr)."""
    command = [BIN / "python", "-m", "guichet_kb.cluster.backups", *map(str, args)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    return done.returncode, done.stdout, done.stderr


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- What must come back exactly ------------------------------------------------------

SHEET = "demarches/carte-identite"


def snapshot(session, url, file_url):
    """(@catalogue-export bytes in CSV and JSON, the File's bytes, the sheet's workflow history)."""
    exports = tuple(session.get(f"{url}/@catalogue-export", params={"format": fmt}).content for fmt in ("csv", "json"))
    download = session.get(f"{file_url}/@@download/file")
    assert download.status_code == 200
    history = session.get(f"{url}/{SHEET}/@workflow").json()["history"]
    return exports, download.content, history


def upload(session, url, name, data):
    """A File with `data` at the site root; its URL."""
    import base64

    payload = {
        "@type": "File",
        "id": name,
        "title": name,
        "file": {"data": base64.b64encode(data).decode(), "encoding": "base64", "filename": f"{name}.bin", "content-type": OCTETS},
    }
    response = session.post(url, json=payload)
    assert response.status_code == 201, response.text
    return response.json()["@id"]


class Writer:
    """A thread writing through the instance (a sheet's description, new Files) until stopped."""

    def __init__(self, session, url):
        self.session, self.url = session, url
        self.descriptions, self.files = [], {}
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._write)

    def _write(self):
        while not self.stopping.is_set():
            number = len(self.descriptions)
            value = f"Écrit pendant la sauvegarde {number}"
            if self.session.patch(f"{self.url}/{SHEET}", json={"description": value}).status_code == 204:
                self.descriptions.append(value)
            data = os.urandom(20_000 + number)
            self.files[upload(self.session, self.url, f"pendant-{number}", data)] = data

    def __enter__(self):
        self.thread.start()
        while len(self.files) < 2:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        mark = len(self.files)  # two more Files after the last backup: written after its snapshot
        while exc[0] is None and len(self.files) < mark + 2 and self.thread.is_alive():
            time.sleep(0.05)
        self.stopping.set()
        self.thread.join()
        return False

    def check_restored(self, session):
        """A restored site holds a prefix of what was written: the Files it has are whole."""
        found = {url: session.get(f"{url}/@@download/file") for url in self.files}
        present = [url for url, response in found.items() if response.status_code == 200]
        assert all(found[url].content == self.files[url] for url in present)
        assert all(response.status_code == 404 for url, response in found.items() if url not in present)
        assert len(present) >= 2 and present == list(self.files)[: len(present)]
        description = session.get(f"{self.url}/{SHEET}").json()["description"]
        assert description in self.descriptions
        return len(present)


def change(session, url, file_url):
    """Edit a sheet, replace the File's bytes, a workflow transition with a comment."""
    import base64

    assert session.patch(f"{url}/{SHEET}", json={"title": "Titre changé après la sauvegarde"}).status_code == 204
    data = {"data": base64.b64encode(b"other bytes" * 100).decode(), "encoding": "base64", "filename": "x.bin", "content-type": OCTETS}
    assert session.patch(file_url, json={"file": data}).status_code == 204
    transitions = session.get(f"{url}/{SHEET}/@workflow").json()["transitions"]
    assert transitions, "the sheet offers no transition"
    transition = transitions[0]["@id"].rsplit("/", 1)[-1]
    assert session.post(f"{url}/{SHEET}/@workflow/{transition}", json={"comment": "Après la sauvegarde."}).status_code == 200


# --- The cluster's PostgreSQL, on ports of this test run ------------------------------


def cluster_env(var, name, offset):
    """Environment for the cluster tooling: CLUSTER_VAR under var/test-backup, own ports."""
    base = PORT + offset
    names = ("PG_PORT", "PLONE_PORT", "FRONT_PORT", "VARNISH_ADMIN_PORT", "HAPROXY_PORT", "PUBLIC_PORT")
    env = dict(fs_env(var, base + 9), CLUSTER_VAR=str(BASE / name), INSTANCES="1", BACKUP_DIR=str(BASE / f"{name}-backups"))
    env.update({port: str(base + index) for index, port in enumerate(names)})  # PUBLIC_PORT + 1: base + 6
    return env


@contextlib.contextmanager
def postgres(env):
    """The cluster's own PostgreSQL (initdb under CLUSTER_VAR, the app role and database), running."""
    from guichet_kb.cluster import settings as cluster_settings
    from guichet_kb.cluster.postgres import Postgres

    shutil.rmtree(env["CLUSTER_VAR"], ignore_errors=True)
    settings = cluster_settings.from_env(env)
    pg = Postgres(settings)
    free(pg.port)
    pg.init()
    process = pg.start()
    try:
        pg.ensure_database()
        yield pg
    finally:
        pg.stop(process)


def rs_instance(env):
    """Instance 1 of the cluster, configured by guichet_kb.cluster.render (RelStorage)."""
    from guichet_kb.cluster import render
    from guichet_kb.cluster import settings as cluster_settings

    settings = cluster_settings.from_env(env)
    etc = render.instance(settings, 1)
    return Instance(etc / "zope.ini", settings.instance_port(1), env, settings.instance_dir(1) / "server.log")


def latest(env, kind):
    found = sorted(Path(env["BACKUP_DIR"]).glob(f"{kind}-*"))
    return found[-1]


def forge(backup, target, name, data):
    """A copy of `backup` at `target` whose file `name` is `data`, its manifest made to match:
    damage that checksums cannot see, for the storage tools to find."""
    import json

    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(backup, target)
    (target / name).write_bytes(data)
    manifest = json.loads((target / "manifest.json").read_text())
    manifest["files"][name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    (target / "manifest.json").write_text(json.dumps(manifest))
    return target
