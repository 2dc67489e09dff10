"""Move the FileStorage site of `make start` (with its blobs) into the cluster's RelStorage.

zodbconvert (instance/zodbconvert.conf.in) copies every transaction into a *new*
database, history and blobs included; compare.same_history then checks the copy record
by record and blob by blob; only then is the new database renamed to the cluster's
(settings.database). Refused before anything is created when the FileStorage is in use
(`make start` holds Data.fs.lock; the lock is held here for the whole move) or when the
cluster's database already holds tables (a site is already there: nothing is merged).
A failure at any step drops the new database: nothing half-created, and the
FileStorage is only ever opened read-only.
"""

from guichet_kb.cluster import render
from guichet_kb.cluster.backups import compare
from guichet_kb.cluster.backups import database
from guichet_kb.cluster.backups import filestorage
from guichet_kb.cluster.backups import layout
from guichet_kb.cluster.backups.relstorage import empty_instance_caches
from guichet_kb.cluster.errors import ClusterError
from pathlib import Path
import shutil
import subprocess
import sys
import time


TEMPLATE = "instance/zodbconvert.conf.in"


def _zodbconvert(config):
    done = subprocess.run([str(Path(sys.executable).parent / "zodbconvert"), str(config)], capture_output=True, text=True)
    if done.returncode:
        lines = [line for line in (done.stderr or done.stdout).strip().splitlines() if line.strip()]
        raise ClusterError(f"zodbconvert failed: {lines[-1].strip() if lines else done.returncode}")
    return done.stdout


def _section(config, name):
    """The `%import` line and one named section of the conversion's configuration."""
    text = config.read_text(encoding="utf-8")
    start = text.index(f"<{'blobstorage' if name == 'source' else 'relstorage'} {name}>")
    closing = "</blobstorage>" if name == "source" else "</relstorage>"
    return text[start : text.index(closing, start) + len(closing)] + "\n"


def check(config):
    """compare.same_history between the conversion's source and destination."""
    import ZODB.config

    header = "%import relstorage\n"
    source = ZODB.config.storageFromString(header + _section(config, "source"))
    destination = ZODB.config.storageFromString(header + _section(config, "destination"))
    try:
        return compare.same_history(source, destination)
    finally:
        source.close()
        destination.close()


def run(settings, var):
    """Convert var/'s FileStorage into settings.database; a dict of counts and durations."""
    data_fs, blobs = layout.data_fs(var), layout.blob_dir(var)
    if not data_fs.is_file():
        raise ClusterError(f"no FileStorage to move: {data_fs} does not exist (GUICHET_VAR={var})", code=2)
    stamp = layout.now_stamp().lower().replace(".", "_")[:22]
    new = f"{settings.database}_migrate_{stamp}"
    work = settings.var / "migrate" / stamp
    with filestorage.locked(data_fs), database.server(settings) as pg:
        if database.exists(pg, settings.database):
            if database.table_count(pg, settings.database):
                hint = "nothing was converted; back it up and drop it first to replace it"
                raise ClusterError(f"database {settings.database} is not empty (a site is already there): {hint}", code=4)
            database.refuse_if_in_use(pg, settings.database, "the migration")
        config = work / "zodbconvert.conf"
        values = {"DATA_FS": data_fs, "BLOB_DIR": blobs, "BLOB_CACHE": work / "blobcache", "PG_DSN": settings.dsn(new)}
        try:
            render.write(config, render.fill(TEMPLATE, values), mode=0o600)
            database.create(pg, new, settings.db_user)
            try:
                started = time.monotonic()
                _zodbconvert(config)
                converted = time.monotonic()
                counted = check(config)
                checked = time.monotonic()
                database.wait_idle(pg, new)
                database.refuse_if_in_use(pg, settings.database, "the migration")
                replaced = database.swap(pg, new, settings.database, f"{settings.database}_empty_{stamp}")
            except BaseException:
                database.drop(pg, new)
                raise
            if replaced:
                database.drop(pg, replaced)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    empty_instance_caches(settings)
    return {**counted, "convert_seconds": converted - started, "check_seconds": checked - converted, "data_fs_bytes": data_fs.stat().st_size}
