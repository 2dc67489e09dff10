"""Dates read back exactly as written; the publication window is enforced to the minute.

Round trips over real HTTP, POST → GET → PATCH the values read → GET, for every
date and datetime field of our types and of a stock Document, with winter (CET)
and summer (CEST) values.

How the time zones are covered: the drift came from a process with two local
zones (DateTime's, fixed at start, and the C library's, which follows TZ once
something calls tzset(); see guichet_kb.dates.zone). So the round trips run

- in the functional layer, in this process's zone (UTC on CI), the portal being in
  Europe/Paris: one zone per process, whichever it is;
- in a real instance built from instance/*.in with the process environment of
  `make start` (scripts/zope_env.sh: TZ=Europe/Paris from the start), after an
  anonymous answer from a cached service, i.e. after plone.app.caching's mktime()
  has made the C library re-read TZ: the sequence that used to shift dates;
- and the instance configured as before (TZ only in zope.conf <environment>) must
  refuse to start instead of shifting dates.
"""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from guichet_kb.facts import FOLDER_OF
import os
from pathlib import Path
import pytest
import re
from repo_paths import ROOT
import requests
import socket
import subprocess
import sys
import time
import transaction


SEASONS = {
    "winter": {"effective": "2026-12-20T12:00:00+00:00", "expires": "2027-01-20T12:00:00+00:00", "day": "2026-12-24", "until": "2027-01-02"},
    "summer": {"effective": "2026-07-20T12:00:00+00:00", "expires": "2026-08-20T12:00:00+00:00", "day": "2026-07-14", "until": "2026-08-15"},
}
# portal type -> where it is added ("" for the site root)
TYPES = {"Document": "", **FOLDER_OF}
REQUIRED = {"Answer": {"short_answer": "Oui."}}


def date_fields(portal_type, season):
    """Every date or datetime field the type has, with a value in the season."""
    s = SEASONS[season]
    values = {"effective": s["effective"], "expires": s["expires"]}
    if portal_type != "Document":  # the review behavior
        values.update(last_reviewed=s["day"], next_review_date=s["until"])
    if portal_type in ("ServiceSheet", "Answer"):  # ISourceReference
        values["source_modified"] = s["day"]
    if portal_type == "Desk":
        values["hours_exceptions"] = [{"start": s["day"], "end": s["until"], "label": "Fermeture", "closed": True}]
    return values


def read_dates(data, written):
    """The fields of `written` as the GET answer has them (exception rows: their date keys)."""
    found = {name: data.get(name) for name in written}
    if "hours_exceptions" in written:
        found["hours_exceptions"] = [{key: row.get(key) for key in ("start", "end", "label", "closed")} for row in data["hours_exceptions"] or []]
    return found


def round_trip(session, base, portal_type, season):
    """POST with the season's dates, then GET → PATCH the values read → GET, twice."""
    written = date_fields(portal_type, season)
    container = f"{base}/{TYPES[portal_type]}".rstrip("/")
    response = session.post(
        container, json={"@type": portal_type, "title": f"Dates {portal_type} {season}", **REQUIRED.get(portal_type, {}), **written}
    )
    assert response.status_code == 201, response.text[:500]
    url = response.json()["@id"]
    assert read_dates(session.get(url).json(), written) == written
    for _ in range(2):
        read = read_dates(session.get(url).json(), written)
        response = session.patch(url, json=read)
        assert response.status_code == 204, response.text[:500]
        assert read_dates(session.get(url).json(), written) == written
    return url


@pytest.fixture
def portal_in_paris(functional):
    """The portal's zone as on the real site, whatever this process's zone is."""
    from plone import api

    api.portal.set_registry_record("plone.portal_timezone", "Europe/Paris")
    transaction.commit()


@pytest.mark.parametrize("season", SEASONS)
@pytest.mark.parametrize("portal_type", TYPES)
def test_dates_round_trip(rest, site, portal_in_paris, portal_type, season):
    round_trip(rest("admin"), site, portal_type, season)


@pytest.mark.parametrize("season", SEASONS)
def test_same_instant_written_with_an_offset(rest, site, season):
    """An instant sent in Paris time reads back as the same instant, in UTC."""
    admin = rest("admin")
    url = round_trip(admin, site, "ServiceSheet", season)
    effective = datetime.fromisoformat(SEASONS[season]["effective"])
    paris = effective.astimezone(timezone(timedelta(hours=1 if season == "winter" else 2)))
    assert admin.patch(url, json={"effective": paris.isoformat()}).status_code == 204
    assert admin.get(url).json()["effective"] == SEASONS[season]["effective"]


def iso(moment):
    return moment.replace(second=0, microsecond=0).isoformat()


SHEET = "demarches/carte-identite"  # a published demo sheet


def listed(anonymous, site):
    """Whether anonymous callers find the sheet in @answer and in @search."""
    answered = anonymous.get(f"{site}/@answer", params={"q": "carte identité"}).json()["items"]
    searched = anonymous.get(f"{site}/@search", params={"SearchableText": "carte identité"}).json()["items"]
    return [any(item["@id"] == f"{site}/{SHEET}" for item in found) for found in (answered, searched)]


def lifetime(response):
    """How long a browser or a proxy may reuse the answer without asking again, in seconds."""
    found = re.findall(r"(?:s-)?max-age=(\d+)", response.headers.get("Cache-Control", ""))
    return max(map(int, found), default=0)


def served(anonymous, site):
    """The anonymous status of the sheet over REST and in Classic; no cache may keep it past a minute."""
    responses = [anonymous.get(f"{site}/{SHEET}", headers={"Accept": accept}) for accept in ("application/json", "text/html")]
    assert all(lifetime(response) <= 60 for response in responses)
    return [response.status_code for response in responses]


def test_expired_a_minute_ago_is_not_served(rest, site):
    admin, anonymous = rest("admin"), rest()
    assert served(anonymous, site) == [200, 200] and listed(anonymous, site) == [True, True]
    now = datetime.now(timezone.utc)
    response = admin.patch(f"{site}/{SHEET}", json={"effective": iso(now - timedelta(days=1)), "expires": iso(now - timedelta(minutes=1))})
    assert response.status_code == 204, response.text[:500]
    assert served(anonymous, site) == [404, 404] and listed(anonymous, site) == [False, False]
    assert admin.get(f"{site}/{SHEET}").status_code == 200


def test_effective_a_minute_ago_is_served_in_a_minute_is_not(rest, site):
    admin, anonymous = rest("admin"), rest()
    now = datetime.now(timezone.utc)
    assert admin.patch(f"{site}/{SHEET}", json={"effective": iso(now + timedelta(minutes=2))}).status_code == 204
    assert served(anonymous, site) == [404, 404] and listed(anonymous, site) == [False, False]
    assert admin.patch(f"{site}/{SHEET}", json={"effective": iso(now - timedelta(minutes=1))}).status_code == 204
    assert served(anonymous, site) == [200, 200] and listed(anonymous, site) == [True, True]


def test_zone_check(monkeypatch):
    """No TZ, or TZ naming the zone DateTime uses: fine; another zone: refused."""
    from guichet_kb.dates.zone import check_process_zone
    from guichet_kb.dates.zone import process_zone_mismatch
    from guichet_kb.dates.zone import ProcessZoneError

    assert process_zone_mismatch({}) is None
    assert process_zone_mismatch({"TZ": "CET-1CEST,M3.5.0,M10.5.0/3"}) is None  # a POSIX rule: not checked
    check_process_zone()  # this process: TZ, if any, was set before it started
    if time.timezone == -14 * 3600:
        pytest.skip("this machine runs at UTC+14")
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # set after start, like zope.conf <environment>
    with pytest.raises(ProcessZoneError) as refused:
        check_process_zone()
    assert str(refused.value).startswith("TZ=Pacific/Kiritimati is UTC+14:00 on ")
    assert "but DateTime's local zone, fixed when Python started, is UTC" in str(refused.value)


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
