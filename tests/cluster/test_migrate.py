"""make migrate: the FileStorage site (with a blob) moved into RelStorage, checked.

The same site served over HTTP before (a FileStorage instance) and after (a RelStorage
instance): @catalogue-export byte-identical, the File's bytes identical, the workflow
history and the undo log identical; the command itself checks every transaction,
record and blob. Refusals (the FileStorage in use, a destination that is not empty, a
database that refuses the connection) change nothing.
"""

import backup_sites as sites
import os
import pytest


OFFSET = 30  # ports PORT+30 … PORT+39


def _undo_log(session, url):
    return [(entry["description"], entry["username"]) for entry in session.get(f"{url}/@transactions").json()]


@pytest.fixture(scope="module")
def moved():
    """Everything observed around one migration (the cluster is stopped afterwards)."""
    fs_port = sites.PORT + OFFSET + 8
    var = sites.fs_site("migrate-fs", fs_port)
    env = sites.cluster_env(var, "migrate-cluster", OFFSET)
    data_fs = var / "filestorage" / "Data.fs"
    seen = {"data_fs": data_fs, "env": env}
    with sites.postgres(env) as pg:
        instance = sites.fs_instance(var, fs_port).start()
        session = sites.admin()
        try:
            path = sites.upload(session, instance.url, "piece-jointe", os.urandom(200_000)).removeprefix(instance.url)
            seen["before"] = sites.snapshot(session, instance.url, instance.url + path)
            seen["undo_before"] = _undo_log(session, instance.url)
            seen["locked"] = sites.cli("migrate", env=env)  # `make start` holds the FileStorage
            seen["databases_while_locked"] = pg.psql("select datname from pg_database where datname like 'guichet%' order by 1")
        finally:
            instance.stop()
        seen["checksum"] = sites.sha256(data_fs)
        seen["refused"] = sites.cli("migrate", env=dict(env, PG_PASSWORD="not-the-password"))
        seen["done"] = sites.cli("migrate", env=env)
        seen["again"] = sites.cli("migrate", env=env)
        seen["checksum_after"] = sites.sha256(data_fs)
        seen["databases"] = pg.psql("select datname from pg_database where datname like 'guichet%' order by 1")
        rs = sites.rs_instance(env).start()
        try:
            seen["after"] = sites.snapshot(session, rs.url, rs.url + path)
            seen["undo_after"] = _undo_log(session, rs.url)
        finally:
            rs.stop()
    return seen


def test_migration_gives_the_same_site(moved):
    code, out, err = moved["done"]
    assert code == 0, err
    first, second = out.splitlines()
    assert first.startswith(f"migrated {moved['data_fs']} (") and first.endswith(" s") and " into database guichet in " in first
    assert second.startswith("checked in ") and " records, " in second and second.endswith(" 1 blobs (states and blob bytes identical)")
    assert moved["after"][0] == moved["before"][0]  # @catalogue-export, CSV and JSON, byte for byte
    assert moved["after"][1] == moved["before"][1]  # the uploaded File
    assert moved["after"][2] == moved["before"][2]  # the workflow history
    assert moved["undo_after"][: len(moved["undo_before"])] == moved["undo_before"] and len(moved["undo_before"]) > 5
    assert moved["checksum_after"] == moved["checksum"]  # the FileStorage is only read
    assert moved["databases"] == "guichet"  # no temporary database left


def test_migration_refused_while_the_site_runs(moved):
    data_fs = moved["data_fs"]
    expected = f"migrate: {data_fs} is in use (its lock is held: is `make start` running?); stop the site first\n"
    assert moved["locked"] == (4, "", expected)
    assert moved["databases_while_locked"] == "guichet"


def test_migration_refused_by_the_database(moved):
    code, out, err = moved["refused"]
    port = moved["env"]["PG_PORT"]
    assert (code, out) == (5, "")
    assert err.startswith(f"migrate: PostgreSQL at 127.0.0.1:{port} refuses the connection as guichet: ")
    assert 'password authentication failed for user "guichet"' in err


def test_migration_refused_into_a_site(moved):
    expected = "migrate: database guichet is not empty (a site is already there): nothing was converted; back it up and drop it first to replace it\n"
    assert moved["again"] == (4, "", expected)


def test_migration_refused_without_postgresql(moved, tmp_path):
    env = dict(moved["env"], CLUSTER_VAR=str(tmp_path / "none"), PG_PORT=str(sites.PORT + OFFSET + 9))
    code, out, err = sites.cli("migrate", env=env)
    where = f"127.0.0.1:{env['PG_PORT']} and there is no cluster data directory at {tmp_path}/none/pg/data"
    assert (code, out, err) == (
        5,
        "",
        f"migrate: PostgreSQL refuses the connection at {where} (run `make cluster` once, or set PG_PORT/CLUSTER_VAR)\n",
    )
    assert sites.sha256(moved["data_fs"]) == moved["checksum"]
