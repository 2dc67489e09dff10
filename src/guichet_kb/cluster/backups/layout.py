"""Where backups live, what a backup directory holds, and the manifest that proves it.

A backup is `<BACKUP_DIR>/<kind>-<UTC date>/` (BACKUP_DIR defaults to var/backups):
the storage's files and `manifest.json` (format, kind, date, tool versions, and the
size and SHA-256 of every other file in the directory). It is written under a hidden
`.partial-…` name and renamed only once complete, so an interrupted backup never
looks like one; retention (KEEP=N) counts only directories with a valid manifest.
"""

from datetime import timezone
from guichet_kb import clock
from guichet_kb.cluster.errors import ClusterError
from guichet_kb.cluster.settings import ROOT
import hashlib
import json
import os
from pathlib import Path
import shutil


FORMAT = "guichet-kb-backup"
VERSION = 1
LABELS = {"filestorage": "FileStorage", "relstorage": "RelStorage"}  # the storages a backup is of
KINDS = tuple(LABELS)
MANIFEST = "manifest.json"
PARTIAL = ".partial-"


def fs_var(environ=None):
    """The var/ of `make start` (GUICHET_VAR): the FileStorage and its blob directory."""
    environ = os.environ if environ is None else environ
    return Path(environ.get("GUICHET_VAR") or ROOT / "var").resolve()


def data_fs(var):
    """var/filestorage/Data.fs, as instance/storage-filestorage.conf.in says."""
    return var / "filestorage" / "Data.fs"


def blob_dir(var):
    return var / "blobstorage"


def backup_root(environ=None):
    environ = os.environ if environ is None else environ
    return Path(environ.get("BACKUP_DIR") or ROOT / "var" / "backups").resolve()


def now_stamp():
    return clock.now().astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")


def sha256(path, chunk=1 << 20):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _files(directory):
    """Every regular file under `directory` except the manifest, as sorted relative paths."""
    found = []
    for parent, _dirs, names in os.walk(directory):
        for name in names:
            path = Path(parent) / name
            relative = path.relative_to(directory).as_posix()
            if relative != MANIFEST:
                found.append(relative)
    return sorted(found)


class Partial:
    """A backup being written: a hidden directory renamed to its final name at `finish`.

    Used as a context manager: an exception removes the partial directory, so a failed
    backup leaves nothing behind.
    """

    def __init__(self, root, kind):
        self.root, self.kind = root, kind
        self.stamp = now_stamp()
        self.name = f"{kind}-{self.stamp}"
        self.path = root / f"{PARTIAL}{self.name}"
        self.final = root / self.name

    def __enter__(self):
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.path.mkdir(mode=0o700)  # the whole site: password hashes, unpublished items
        except OSError as error:
            raise ClusterError(f"cannot create the backup directory {self.path}: {error.strerror}") from None
        return self

    def __exit__(self, kind, value, traceback):
        if kind is not None:
            shutil.rmtree(self.path, ignore_errors=True)
        return False

    def finish(self, **details):
        """Write the manifest (checksums of everything written), then rename into place."""
        files = {name: {"size": (self.path / name).stat().st_size, "sha256": sha256(self.path / name)} for name in _files(self.path)}
        manifest = {"format": FORMAT, "version": VERSION, "kind": self.kind, "created": self.stamp, **details, "files": files}
        (self.path / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        self.path.rename(self.final)
        return self.final, manifest


def read_manifest(path):
    """The manifest of the backup at `path`; ClusterError if it is not a backup."""
    path = Path(path)
    if not path.exists():
        raise ClusterError(f"{path}: no such backup (the path does not exist)", code=2)
    if not path.is_dir():
        raise ClusterError(f"{path}: not a backup (a backup is a directory made by `make backup`)", code=2)
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClusterError(f"{path}: not a backup (no {MANIFEST})", code=2) from None
    except (OSError, ValueError) as error:
        raise ClusterError(f"{path}: not a backup ({MANIFEST} is unreadable: {error})", code=2) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("kind") not in KINDS:
        raise ClusterError(f"{path}: not a backup ({MANIFEST} is not a Guichet KB backup manifest)", code=2)
    if manifest.get("version") != VERSION:
        raise ClusterError(f"{path}: backup format version {manifest.get('version')!r} is not supported (expected {VERSION})", code=2)
    if not isinstance(manifest.get("files"), dict) or not manifest["files"]:
        raise ClusterError(f"{path}: not a backup ({MANIFEST} lists no files)", code=2)
    return manifest


def verify(path, kind=None):
    """The manifest, after checking every listed file's size and SHA-256 (and, with
    `kind`, that it is a backup of that storage); else ClusterError."""
    path = Path(path).resolve()
    manifest = read_manifest(path)
    if kind is not None and manifest["kind"] != kind:
        raise ClusterError(f"{path}: a {manifest['kind']} backup, not a {LABELS[kind]} one", code=2)
    for name, expected in sorted(manifest["files"].items()):
        file = path / name
        if not file.is_file():
            raise ClusterError(f"{path}: damaged backup ({name} is missing)", code=3)
        size = file.stat().st_size
        if size != expected.get("size"):
            raise ClusterError(f"{path}: damaged backup ({name} is {size} bytes, the manifest says {expected.get('size')})", code=3)
        if sha256(file) != expected.get("sha256"):
            raise ClusterError(f"{path}: damaged backup ({name} does not match its SHA-256 in the manifest)", code=3)
    return manifest


def backups(root, kind):
    """The complete backups of `kind` under `root`, oldest first (by their manifest date)."""
    found = []
    if not root.is_dir():
        return found
    for child in root.iterdir():
        if not child.is_dir() or child.name.startswith(PARTIAL):
            continue
        try:
            manifest = read_manifest(child)
        except ClusterError:
            continue  # not ours: never removed
        if manifest["kind"] == kind:
            found.append((manifest["created"], child))
    return [path for _created, path in sorted(found)]


def prune(root, kind, keep):
    """Remove all but the newest `keep` backups of `kind`; the removed paths."""
    if keep is None:
        return []
    old = backups(root, kind)[:-keep] if keep > 0 else []
    for path in old:
        shutil.rmtree(path)
    return old
