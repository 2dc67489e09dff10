"""Backups that restore exactly, and moving a FileStorage site into RelStorage.

    python -m guichet_kb.cluster.backups backup  [--storage filestorage|relstorage] [--keep N]
    python -m guichet_kb.cluster.backups restore PATH
    python -m guichet_kb.cluster.backups migrate

`make backup`, `make restore BACKUP=…` and `make migrate` run these (README "Backups").
A backup is one directory (layout.py) holding the storage's own backup format —
repozo's full backup plus a copy of the blob directory (filestorage.py), or a pg_dump
custom-format archive that holds the blobs too (relstorage.py) — and a manifest with
every file's size and SHA-256, so that restore refuses what is not a backup, or a
damaged one, before it touches anything. Restores build the new data beside the old
and swap at the end; migrate.py converts into a new database and renames it last.
"""
