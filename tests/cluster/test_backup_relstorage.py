"""make backup / make restore on the cluster's RelStorage (one pg_dump holds objects and blobs).

The demo site migrated into the cluster's PostgreSQL and served by an instance: a
backup while it writes, then backup → change → restore gives back the backed-up state
exactly; the restore is refused while an instance is connected, and bad input
(a damaged dump, a database refusing the connection) leaves the database as it was.
"""

import backup_sites as sites
import os
import pytest
import shutil


OFFSET = 20  # ports PORT+20 … PORT+29


@pytest.fixture(scope="module")
def cluster():
    var = sites.fs_site("rs-fs", sites.PORT + OFFSET + 8)
    env = sites.cluster_env(var, "rs-cluster", OFFSET)
    shutil.rmtree(env["BACKUP_DIR"], ignore_errors=True)
    with sites.postgres(env) as pg:
        code, _out, err = sites.cli("migrate", env=env)
        assert code == 0, err
        instance = sites.rs_instance(env).start()
        session = sites.admin()
        try:
            file_url = sites.upload(session, instance.url, "piece-jointe", os.urandom(300_000))
            yield env, pg, instance, session, file_url
        finally:
            instance.stop()


def _fingerprint(pg):
    """The database's content as PostgreSQL sees it: rows, transactions, max tid, blob bytes."""
    return pg.psql(
        "select (select count(*) from object_state), (select count(*) from transaction), (select max(tid) from transaction),"
        " (select md5(string_agg(md5(lo_get(chunk)), ',' order by zoid, tid, chunk_num)) from blob_chunk)",
        database="guichet",
    )


def test_backup_while_serving_and_writing(cluster):
    """pg_dump is one snapshot while writes go on: the restored site is a prefix of them."""
    env, _pg, instance, session, _file_url = cluster
    with sites.Writer(session, instance.url) as writer:
        results = [sites.cli("backup", "--storage", "relstorage", env=env) for _ in range(2)]
    assert [code for code, _out, _err in results] == [0, 0], results
    assert all(out.startswith("backup relstorage: ") and "(1 files, " in out and out.rstrip().endswith(" s") for _code, out, _err in results)
    instance.stop()
    assert sites.cli("restore", sites.latest(env, "relstorage"), env=env)[0] == 0
    instance.start()
    assert writer.check_restored(session) < len(writer.files)


def test_backup_change_restore_gives_back_the_backed_up_state(cluster):
    env, pg, instance, session, file_url = cluster
    before = sites.snapshot(session, instance.url, file_url)
    code, _out, err = sites.cli("backup", env=dict(env, STORAGE="relstorage"))
    assert code == 0, err
    backup = sites.latest(env, "relstorage")
    sites.change(session, instance.url, file_url)
    changed = sites.snapshot(session, instance.url, file_url)
    assert changed[0] != before[0] and changed[1] != before[1] and len(changed[2]) == len(before[2]) + 1

    # Refused while an instance is connected: nothing changes.
    fingerprint = _fingerprint(pg)
    code, out, err = sites.cli("restore", backup, env=env)
    assert (code, out) == (4, "") and err.startswith("restore: database guichet is in use (")
    assert err.endswith("); stop the instances before a restore\n")
    assert _fingerprint(pg) == fingerprint

    instance.stop()
    cache = sites.rs_instance(env).zope_ini.parents[1]
    assert any((cache / "cache-rs").iterdir())  # written when the instance closed its database
    code, out, err = sites.cli("restore", backup, env=env)
    assert code == 0, err
    assert out.startswith(f"restored relstorage backup {backup.name.split('-', 1)[1]} into database guichet (") and out.endswith(
        " s; caches emptied\n"
    )
    assert not any((cache / "cache-rs").iterdir()) and not any((cache / "blobcache").iterdir())
    assert pg.psql("select datname from pg_database where datname like 'guichet%' order by 1") == "guichet"
    instance.start()
    after = sites.snapshot(session, instance.url, file_url)
    assert after[0] == before[0]  # @catalogue-export, CSV and JSON, byte for byte
    assert after[1] == before[1]  # the File's bytes (a blob in PostgreSQL)
    assert after[2] == before[2]  # the workflow history


def test_bad_input_leaves_the_database_untouched(cluster):
    env, pg, instance, *_rest = cluster
    instance.stop()
    try:
        fingerprint = _fingerprint(pg)
        damaged = sites.BASE / "rs-damaged"
        shutil.rmtree(damaged, ignore_errors=True)
        shutil.copytree(sites.latest(env, "relstorage"), damaged)
        dump = damaged / "database.dump"
        dump.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])
        code, out, err = sites.cli("restore", damaged, env=env)
        assert (code, out) == (3, "") and err.startswith(f"restore: {damaged}: damaged backup (database.dump is ")

        # Damage the checksums cannot see (the manifest made to match): garbage, which
        # pg_restore cannot list; a dump cut short, which fails half-way into the new database.
        backup = sites.latest(env, "relstorage")
        garbage = sites.forge(backup, damaged, "database.dump", b"not a dump at all" * 100)
        code, out, err = sites.cli("restore", garbage, env=env)
        not_a_dump = f"restore: {damaged}: damaged backup (database.dump is not a pg_dump archive: pg_restore failed: "
        assert (code, out) == (3, "") and err.startswith(not_a_dump)
        whole = (backup / "database.dump").read_bytes()
        cut = sites.forge(backup, damaged, "database.dump", whole[: len(whole) * 3 // 4])
        code, out, err = sites.cli("restore", cut, env=env)
        failed = f"restore: {damaged}: the restore failed, database guichet is untouched: pg_restore failed: "
        assert (code, out) == (3, "") and err.startswith(failed)

        # A database refusing the connection (a wrong password): backup and restore stop at once.
        wrong = dict(env, PG_PASSWORD="not-the-password")
        code, out, err = sites.cli("backup", "--storage", "relstorage", env=wrong)
        assert (code, out) == (5, "") and err.startswith(f"backup: PostgreSQL at 127.0.0.1:{env['PG_PORT']} refuses the connection as guichet: ")
        code, out, err = sites.cli("restore", sites.latest(env, "relstorage"), env=wrong)
        assert (code, out) == (5, "") and 'password authentication failed for user "guichet"' in err
        assert not [path for path in sites.BASE.joinpath("rs-cluster-backups").iterdir() if path.name.startswith(".partial-")]
        assert pg.psql("select datname from pg_database where datname like 'guichet%' order by 1") == "guichet"
        assert _fingerprint(pg) == fingerprint
    finally:
        instance.start()
