"""Dates in a real instance configured and started as `make start` does (see test_dates.py for why)."""

from date_helpers import iso
from date_helpers import round_trip
from date_helpers import SEASONS
from date_helpers import TYPES
from datetime import datetime
from datetime import timedelta
from datetime import timezone
import os
from pathlib import Path
import pytest
from repo_paths import ROOT
import requests
import socket
import subprocess
import sys
import time


# --- A real instance, configured and started as `make start` does -------------------

BIN = Path(sys.executable).parent


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _instance_env(var, port):
    """The environment scripts/start.sh gives its scripts, before zope_env.sh; no TZ."""
    env = {key: value for key, value in os.environ.items() if key != "TZ"}
    env.update(GUICHET_VAR=str(var), PLONE_HOST="127.0.0.1", PLONE_PORT=str(port), SITE_ID="guichet", GUICHET_DEMO="0")
    env.update(ADMIN_PASSWORD="admin-dates", PYTHONPATH=str(ROOT / "src"))
    subprocess.run(["bash", "scripts/instance.sh"], cwd=ROOT, env=env, check=True)
    return env


def _with_zope_env(*command):
    """`command` run the way scripts/start.sh runs it: after sourcing scripts/zope_env.sh."""
    return ["bash", "-c", 'source scripts/zope_env.sh && exec "$@"', "zope_env", *map(str, command)]


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    """A site `guichet` (no demo) served by runwsgi from instance/*.in; yields its URL."""
    var, port = tmp_path_factory.mktemp("instance"), _free_port()
    env = _instance_env(var, port)
    conf = var / "instance" / "etc"
    subprocess.run(
        _with_zope_env(BIN / "zconsole", "run", conf / "zope.conf", "scripts/create_site.py"),
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    server = subprocess.Popen(
        _with_zope_env(BIN / "runwsgi", conf / "zope.ini"),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(var / "server.log", "wb"),
    )
    url = f"http://127.0.0.1:{port}/guichet"
    try:
        deadline = time.monotonic() + 300
        while True:
            assert server.poll() is None, (var / "server.log").read_text()[-3000:]
            try:
                if requests.get(url, timeout=5).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or still busy starting
                pass
            assert time.monotonic() < deadline, "the instance did not start"
            time.sleep(1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=60)


@pytest.fixture
def instance_admin(instance):
    session = requests.Session()
    session.auth = ("admin", "admin-dates")
    session.headers.update({"Accept": "application/json"})
    yield session
    session.close()


def test_instance_runs_in_the_portal_zone(instance, instance_admin):
    """An anonymous cached answer first: its HTTP dates go through mktime(), which
    made the C library re-read TZ while DateTime kept the start-up zone."""
    response = requests.get(f"{instance}/++api++/@desks", headers={"Accept": "application/json"}, timeout=30)
    assert response.status_code == 200 and "max-age" in response.headers.get("Cache-Control", "")
    assert instance_admin.get(f"{instance}/@registry/plone.portal_timezone").json() == "Europe/Paris"


@pytest.mark.parametrize("season", SEASONS)
@pytest.mark.parametrize("portal_type", TYPES)
def test_instance_dates_round_trip(instance, instance_admin, portal_type, season):
    requests.get(f"{instance}/++api++/@desks", headers={"Accept": "application/json"}, timeout=30)
    round_trip(instance_admin, instance, portal_type, season)


def test_instance_with_tz_in_zope_conf_refuses_to_start(tmp_path):
    """The former configuration: TZ only in zope.conf <environment>, applied after
    Python started. The process stops before serving, saying why."""
    if time.timezone == -3600 and time.altzone == -7200:
        pytest.skip("this machine runs in a zone with Europe/Paris's offsets: nothing to refuse")
    env = _instance_env(tmp_path, _free_port())
    conf = tmp_path / "instance" / "etc" / "zope.conf"
    conf.write_text(conf.read_text().replace("<environment>\n", "<environment>\n  TZ Europe/Paris\n"))
    script = tmp_path / "noop.py"
    script.write_text("print('served')\n")
    result = subprocess.run([BIN / "zconsole", "run", conf, script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "served" not in result.stdout
    assert "ProcessZoneError: TZ=Europe/Paris is UTC+01:00 on " in result.stderr
    assert "but DateTime's local zone, fixed when Python started, is UTC+00:00" in result.stderr


def test_instance_enforces_the_window_to_the_minute(instance, instance_admin):
    """The issue's case (expired 30 minutes ago, still served in full), and its
    mirror (effective in 30 minutes), on a published item of the instance."""
    anonymous = requests.Session()
    anonymous.headers.update({"Accept": "application/json"})
    anonymous.get(f"{instance}/++api++/@desks", timeout=30)
    payload = {"@type": "RequiredDocument", "title": "Pièce datée", "description": "Une pièce.", "accepted_forms": "Papier."}
    url = instance_admin.post(f"{instance}/pieces", json=payload).json()["@id"]
    assert instance_admin.post(f"{url}/@workflow/submit", json={}).status_code == 200
    assert instance_admin.post(f"{url}/@workflow/publish", json={"comment": "Essai des dates."}).status_code == 200

    def status():
        return [anonymous.get(url, headers={"Accept": accept}).status_code for accept in ("application/json", "text/html")]

    assert status() == [200, 200]
    now = datetime.now(timezone.utc)
    window = {"effective": iso(now - timedelta(days=1)), "expires": iso(now - timedelta(minutes=30))}
    assert instance_admin.patch(url, json=window).status_code == 204
    assert status() == [404, 404]
    assert instance_admin.patch(url, json={"effective": iso(now + timedelta(minutes=30)), "expires": None}).status_code == 204
    assert status() == [404, 404]
    assert instance_admin.patch(url, json={"effective": iso(now - timedelta(minutes=1))}).status_code == 204
    assert status() == [200, 200]
    anonymous.close()
