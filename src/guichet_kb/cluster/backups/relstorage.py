"""Back up and restore the cluster's RelStorage database (objects and blobs: one dump).

The instances keep blobs in PostgreSQL (`shared-blob-dir false`, docs/cluster.md §3),
so `pg_dump -Fc` of the database — one transaction, a consistent snapshot while the
site serves — is the whole site; there is no blob directory to copy.

Restore: the dump is checked (manifest checksums, `pg_restore --list`), restored into a
new database, and only then renamed over the old one in one transaction, after
checking that nothing is connected to it (the instances hold connections while they
run). Each instance's persistent cache (cache-rs) and blob cache are emptied: they
hold objects newer than the restored data.
"""

from guichet_kb.cluster.backups import database
from guichet_kb.cluster.backups import layout
from guichet_kb.cluster.errors import ClusterError
from guichet_kb.cluster.settings import ROOT
from pathlib import Path
import re
import shutil
import time


DUMP = "database.dump"
STORAGE_TEMPLATE = "instance/storage-relstorage.conf.in"
SHARED_BLOBS = re.compile(r"^\s*shared-blob-dir\s+(true|on|yes|1)\s*$", re.IGNORECASE | re.MULTILINE)
INSTANCE_CACHES = ("cache-rs", "blobcache")


def blobs_in_database():
    """The instances' storage keeps blobs in PostgreSQL, so that the dump holds them."""
    if SHARED_BLOBS.search((ROOT / STORAGE_TEMPLATE).read_text(encoding="utf-8")):
        raise ClusterError(f"{STORAGE_TEMPLATE} sets shared-blob-dir true: blobs live on disk, not in the dump; back that directory up too")


def backup(settings, root, keep=None):
    """pg_dump of the cluster's database into root/; (path, manifest, seconds, pruned)."""
    started = time.monotonic()
    blobs_in_database()
    with database.server(settings) as pg:
        if not database.exists(pg, settings.database):
            raise ClusterError(f"no database {settings.database} to back up on {settings.host}:{pg.port}", code=2)
        version = pg.psql("show server_version")
        with layout.Partial(root, "relstorage") as partial:
            database.client(pg, "pg_dump", "-Fc", "-f", str(partial.path / DUMP), settings.database)
            path, manifest = partial.finish(
                source={"database": settings.database, "host": settings.host, "port": pg.port},
                tools={"pg_dump": database.client(pg, "pg_dump", "--version").stdout.strip(), "server": version},
            )
    seconds = time.monotonic() - started
    return path, manifest, seconds, layout.prune(root, "relstorage", keep)


def empty_instance_caches(settings):
    """Empty every instance's cache-rs and blobcache (the directories stay); their paths."""
    emptied = []
    for cache in sorted((settings.var / "instances").glob("*/")):
        for name in INSTANCE_CACHES:
            directory = cache / name
            if not directory.is_dir():
                continue
            for child in directory.iterdir():
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
            emptied.append(directory)
    return emptied


def restore(path, settings):
    """Replace the cluster's database by the backup's; (manifest, counts, seconds)."""
    started = time.monotonic()
    path = Path(path).resolve()
    manifest = layout.verify(path, "relstorage")
    stamp = layout.now_stamp().lower().replace(".", "_")[:22]
    new, old = f"{settings.database}_restore_{stamp}", f"{settings.database}_before_{stamp}"
    with database.server(settings) as pg:
        try:
            database.client(pg, "pg_restore", "--list", str(path / DUMP))
        except ClusterError as error:
            raise ClusterError(f"{path}: damaged backup ({DUMP} is not a pg_dump archive: {error})", code=3) from None
        database.refuse_if_in_use(pg, settings.database, "a restore")
        database.create(pg, new, settings.db_user)
        try:
            try:
                database.client(pg, "pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "-d", new, str(path / DUMP))
            except ClusterError as error:
                raise ClusterError(f"{path}: the restore failed, database {settings.database} is untouched: {error}", code=3) from None
            found = database.counts(pg, new)
            database.wait_idle(pg, new)
            database.refuse_if_in_use(pg, settings.database, "a restore")
            replaced = database.swap(pg, new, settings.database, old)
        except BaseException:
            database.drop(pg, new)
            raise
        if replaced:
            database.drop(pg, replaced)
    empty_instance_caches(settings)
    return manifest, found, time.monotonic() - started
