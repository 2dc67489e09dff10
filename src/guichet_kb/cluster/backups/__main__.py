"""Command line: backup, restore, migrate (README "Backups"); one line per outcome.

    python -m guichet_kb.cluster.backups backup [--storage filestorage|relstorage] [--keep N]
    python -m guichet_kb.cluster.backups restore PATH
    python -m guichet_kb.cluster.backups migrate

The storage, the retention and the backup directory also come from the environment
(STORAGE, KEEP, BACKUP_DIR), as `make backup STORAGE=relstorage KEEP=7` passes them.
STORAGE defaults to filestorage (`make start`'s); restore takes the kind from the
backup's manifest. Every run prints its duration (benchmarks read it). Errors: one
line on stderr, exit status ≥ 1, nothing half-made.
"""

import argparse
from guichet_kb.cluster import settings as cluster_settings
from guichet_kb.cluster.backups import layout
from guichet_kb.cluster.errors import ClusterError
import os
import sys


def _keep(raw):
    if raw in (None, ""):
        return None
    try:
        keep = int(raw)
    except ValueError:
        raise ClusterError(f"KEEP={raw!r} is not a number (the number of backups to keep)") from None
    if keep < 1:
        raise ClusterError(f"KEEP={keep}: keep at least 1 backup")
    return keep


def _storage(raw):
    storage = (raw or "filestorage").strip().lower()
    if storage not in layout.KINDS:
        raise ClusterError(f"STORAGE={raw!r}: expected filestorage or relstorage")
    return storage


def _size(manifest):
    return sum(entry["size"] for entry in manifest["files"].values())


def backup(args, environ):
    storage, keep, root = _storage(args.storage or environ.get("STORAGE")), _keep(args.keep or environ.get("KEEP")), layout.backup_root(environ)
    if storage == "filestorage":
        from guichet_kb.cluster.backups import filestorage

        path, manifest, seconds, pruned = filestorage.backup(layout.fs_var(environ), root, keep)
    else:
        from guichet_kb.cluster.backups import relstorage

        path, manifest, seconds, pruned = relstorage.backup(cluster_settings.from_env(environ), root, keep)
    print(f"backup {storage}: {path} ({len(manifest['files'])} files, {_size(manifest)} bytes) in {seconds:.2f} s")
    for old in pruned:
        print(f"removed old backup (KEEP={keep}): {old}")


def restore(args, environ):
    path = args.path or environ.get("BACKUP")
    if not path:
        raise ClusterError("which backup? make restore BACKUP=<backup directory>", code=2)
    kind = layout.read_manifest(path)["kind"]
    if kind == "filestorage":
        from guichet_kb.cluster.backups import filestorage

        manifest, seconds = filestorage.restore(path, layout.fs_var(environ))
        print(f"restored filestorage backup {manifest['created']} into {layout.data_fs(layout.fs_var(environ))} in {seconds:.2f} s")
    else:
        from guichet_kb.cluster.backups import relstorage

        settings = cluster_settings.from_env(environ)
        manifest, counts, seconds = relstorage.restore(path, settings)
        found = f"{counts['object_rows']} object rows, {counts['transactions']} transactions, {counts['blob_chunks']} blob chunks"
        print(f"restored relstorage backup {manifest['created']} into database {settings.database} ({found}) in {seconds:.2f} s; caches emptied")


def migrate(args, environ):
    from guichet_kb.cluster.backups import migrate as migration

    settings, var = cluster_settings.from_env(environ), layout.fs_var(environ)
    found = migration.run(settings, var)
    print(f"migrated {layout.data_fs(var)} ({found['data_fs_bytes']} bytes) into database {settings.database} in {found['convert_seconds']:.2f} s")
    same = f"{found['transactions']} transactions, {found['records']} records, {found['objects']} objects, {found['blobs']} blobs"
    print(f"checked in {found['check_seconds']:.2f} s: the same {same} (states and blob bytes identical)")


def main(argv=None, environ=None):
    environ = dict(os.environ if environ is None else environ)
    parser = argparse.ArgumentParser(prog="python -m guichet_kb.cluster.backups", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("backup", help="a full backup into BACKUP_DIR (var/backups)")
    one.add_argument("--storage", choices=layout.KINDS)
    one.add_argument("--keep")
    two = commands.add_parser("restore", help="restore a backup directory (the site must be stopped)")
    two.add_argument("path", nargs="?")
    commands.add_parser("migrate", help="move the FileStorage site into the cluster's RelStorage")
    args = parser.parse_args(argv)
    try:
        {"backup": backup, "restore": restore, "migrate": migrate}[args.command](args, environ)
    except ClusterError as error:
        print(f"{args.command}: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print(f"{args.command}: interrupted; nothing was changed", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
