"""`python -m guichet_kb.cluster configure` and `database` (a VM run by systemd, deploy/README.md):
every configuration file written and checked, nothing started; the zodbpack file
packs the running cluster's database and keeps the week of undo history."""

from cluster_stack import cluster_env
from cluster_stack import port_block
from cluster_stack import run_cluster
from cluster_stack import TEST_VAR
from guichet_kb.cluster import settings as cluster_settings
from guichet_kb.cluster.postgres import Postgres
import re
from repo_paths import ROOT
import requests
import shutil
import subprocess
import sys


DEPLOY = ROOT / "deploy"


def _configure(cluster, name):
    var = TEST_VAR / name
    shutil.rmtree(var, ignore_errors=True)
    env = dict(cluster.env, CLUSTER_VAR=str(var))
    done = run_cluster("configure", env)
    return var, env, done


def test_configure_writes_every_file_and_starts_nothing(cluster):
    var, env, done = _configure(cluster, "configure")
    assert done.returncode == 0, done.stderr
    written = sorted(done.stdout.split())
    expected = [f"{var}/instances/i{n}/etc/zope.ini" for n in range(1, cluster.settings.instances + 1)]
    expected += [f"{var}/etc/haproxy.cfg", f"{var}/etc/guichet.vcl", f"{var}/etc/zodbpack.conf"]
    assert written == sorted(expected)
    assert not (var / "run").exists() and not (var / "pg").exists()
    # The database password is in the RelStorage files only, which only their owner reads.
    for private in (var / "etc" / "zodbpack.conf", var / "instances" / "i1" / "etc" / "storage.conf"):
        assert private.stat().st_mode & 0o077 == 0
    shutil.rmtree(var)


def test_zodbpack_keeps_a_week_of_undo_history(cluster):
    admin = requests.Session()
    admin.auth = ("admin", "admin")
    admin.headers["Accept"] = "application/json"
    before = admin.get(f"{cluster.site_url}/@transactions", timeout=30)
    assert before.status_code == 200 and len(before.json()) > 0
    var, _, done = _configure(cluster, "pack")
    assert done.returncode == 0, done.stderr
    zodbpack = ROOT / ".venv" / "bin" / "zodbpack"
    packed = subprocess.run(
        [str(zodbpack) if zodbpack.exists() else "zodbpack", "-d", "7", str(var / "etc" / "zodbpack.conf")], capture_output=True, text=True
    )
    assert packed.returncode == 0, packed.stderr
    after = admin.get(f"{cluster.site_url}/@transactions", timeout=30)
    assert [t["id"] for t in after.json()][: len(before.json())] == [t["id"] for t in before.json()]
    shutil.rmtree(var)


def test_the_systemd_files_name_only_known_settings_and_modules():
    known = set(cluster_settings.PORTS) | {"CLUSTER_VAR", "INSTANCES", "PG_PASSWORD", "SITE_ID", "TZ", "TOWN_HALL_PHONE"}
    example = (DEPLOY / "systemd" / "guichet-kb.env.example").read_text()
    names = set(re.findall(r"^([A-Z_]+)=", example, re.M))
    assert names == known
    for unit in (DEPLOY / "systemd").glob("*.service"):
        for module in re.findall(r"-m (guichet_kb[\w.]+)", unit.read_text()):
            found = subprocess.run(
                [sys.executable, "-c", f"import importlib.util as u; print(u.find_spec('{module}') is not None)"], capture_output=True, text=True
            )
            assert found.stdout.strip() == "True", (unit.name, module)


def test_database_makes_an_empty_cluster_database_once():
    var = TEST_VAR / "database"
    shutil.rmtree(var, ignore_errors=True)
    env = cluster_env(var, port_block(offset=60))  # beside the session stack's ports
    first, second = run_cluster("database", env), run_cluster("database", env)
    settings = cluster_settings.from_env(env)
    data = var / "pg" / "data"
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == f"PostgreSQL data directory {data} created; database guichet (user guichet) ready\n"
    assert second.stdout == f"PostgreSQL data directory {data} already there; database guichet (user guichet) ready\n"
    pg = Postgres(settings)
    assert not pg.ready()  # nothing left running
    process = pg.start()
    try:
        login = pg.run("psql", "-d", "guichet", "-tAc", "select count(*) from pg_tables where schemaname = 'public'", env=pg.client_env())
        assert login.stdout.strip() == "0"  # empty: `make migrate` accepts it
    finally:
        pg.stop(process)
    shutil.rmtree(var)


def test_the_cron_file_runs_existing_commands_once_per_cluster():
    lines = [line for line in (DEPLOY / "cron" / "guichet-kb").read_text().splitlines() if re.match(r"^[0-9*]", line)]
    commands = " ".join(lines)
    assert len(lines) == 8
    assert "make -s backup STORAGE=relstorage KEEP=14" in commands and "backup:" in (ROOT / "Makefile").read_text()
    assert "zodbpack -d 7 /var/lib/guichet-kb/etc/zodbpack.conf" in commands
    for verb in ("remind", "purge-interactions", "sync-service-public", "rollup", "dashboard-summary", "appointment-reminders"):
        assert f"guichet-kb {verb}" in commands
        assert verb in subprocess.run([str(ROOT / ".venv" / "bin" / "guichet-kb"), "--help"], capture_output=True, text=True).stdout
