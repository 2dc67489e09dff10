"""Back up and restore the FileStorage of `make start` (Data.fs and its blob directory).

Backup, safe while the site serves: `repozo -B -F -z` copies Data.fs up to its last
complete transaction (it opens the file read-only; no lock), then the blob directory
is copied. Blobs are copied *after* repozo because a committed blob file never changes:
every blob the copied transactions refer to already exists when the copy starts, and a
blob committed meanwhile is only an extra file no restored record points to (harmless;
the next pack removes it). Blob files appear by rename at commit, so a half-written one
is never seen; ZODB's own `tmp/` directory is skipped. Each backup is a full one, so
that removing an old backup (KEEP) never breaks another.

Restore: refused while the site runs (Data.fs.lock held, zc.lockfile). The lock is
then held for the whole restore, so `make start` cannot open the storage meanwhile;
`repozo -R --with-verify` writes a new Data.fs (and its index) beside the old one and
the blob directory is rebuilt beside the old one; only then are both swapped in.
"""

import contextlib
from guichet_kb.cluster.backups import layout
from guichet_kb.cluster.errors import ClusterError
import importlib.metadata
import os
from pathlib import Path
import shutil
import subprocess
import sys
import time


REPOSITORY = "repozo"  # the repozo repository inside a backup
BLOBS = "blobstorage"  # the copy of the blob directory inside a backup
SKIPPED_BLOB_DIRS = ("tmp",)


def _tool(name):
    return str(Path(sys.executable).parent / name)


def _repozo(*args):
    done = subprocess.run([_tool("repozo"), *args], capture_output=True, text=True)
    if done.returncode:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise ClusterError(f"repozo failed: {lines[-1] if lines else done.returncode}")
    return done


@contextlib.contextmanager
def locked(data_fs):
    """Hold Data.fs.lock (as a running FileStorage does); refuse when someone holds it."""
    import zc.lockfile

    data_fs.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock = zc.lockfile.LockFile(str(data_fs) + ".lock")
    except zc.lockfile.LockError:
        raise ClusterError(f"{data_fs} is in use (its lock is held: is `make start` running?); stop the site first", code=4) from None
    try:
        yield
    finally:
        lock.close()


def _copy_blobs(source, target):
    """Copy the blob directory (files and .layout), skipping ZODB's tmp/; (files, bytes)."""
    count = size = 0
    target.mkdir(parents=True)
    for parent, dirs, names in os.walk(source):
        here = Path(parent)
        relative = here.relative_to(source)
        if relative == Path("."):
            dirs[:] = [name for name in dirs if name not in SKIPPED_BLOB_DIRS]
        (target / relative).mkdir(exist_ok=True)
        for name in names:
            shutil.copy2(here / name, target / relative / name)
            count += 1
            size += (here / name).stat().st_size
    return count, size


def backup(var, root, keep=None):
    """A full backup of var/'s FileStorage into root/; (path, manifest, seconds, pruned)."""
    data_fs, blobs = layout.data_fs(var), layout.blob_dir(var)
    if not data_fs.is_file():
        raise ClusterError(f"no FileStorage to back up: {data_fs} does not exist (GUICHET_VAR={var})", code=2)
    started = time.monotonic()
    with layout.Partial(root, "filestorage") as partial:
        repository = partial.path / REPOSITORY
        repository.mkdir()
        _repozo("-B", "-F", "-z", "-r", str(repository), "-f", str(data_fs))
        blob_files, blob_bytes = _copy_blobs(blobs, partial.path / BLOBS) if blobs.is_dir() else (0, 0)
        path, manifest = partial.finish(
            source={"data_fs": str(data_fs), "data_fs_bytes": data_fs.stat().st_size, "blob_dir": str(blobs)},
            blobs={"files": blob_files, "bytes": blob_bytes},
            tools={"ZODB": importlib.metadata.version("ZODB"), "repozo": "repozo -B -F -z", "python": sys.version.split()[0]},
        )
    seconds = time.monotonic() - started
    return path, manifest, seconds, layout.prune(root, "filestorage", keep)


def restore(path, var):
    """Replace var/'s Data.fs and blob directory by the backup's; (manifest, seconds)."""
    started = time.monotonic()
    path = Path(path).resolve()
    manifest = layout.verify(path, "filestorage")
    data_fs, blobs = layout.data_fs(var), layout.blob_dir(var)
    stamp = layout.now_stamp()
    new_fs = data_fs.with_name(f"{data_fs.name}.restoring-{stamp}")
    new_blobs = blobs.with_name(f"{blobs.name}.restoring-{stamp}")
    old_blobs = blobs.with_name(f"{blobs.name}.before-restore-{stamp}")
    made = [new_fs, Path(f"{new_fs}.index"), Path(f"{new_fs}.part"), new_blobs]
    with locked(data_fs):
        try:
            try:
                _repozo("-R", "-w", "-r", str(path / REPOSITORY), "-o", str(new_fs))
            except ClusterError as error:
                raise ClusterError(f"{path}: the restore failed, {data_fs} is untouched: {error}", code=3) from None
            if (path / BLOBS).is_dir():
                shutil.copytree(path / BLOBS, new_blobs)
            else:
                new_blobs.mkdir()
            new_blobs.chmod(0o700)
            # The swap: blobs aside, new blobs in, then Data.fs and its index replaced.
            if blobs.exists():
                blobs.rename(old_blobs)
            new_blobs.rename(blobs)
            try:
                Path(f"{data_fs}.tmp").unlink(missing_ok=True)
                os.replace(new_fs, data_fs)
            except OSError:
                blobs.rename(new_blobs)
                if old_blobs.exists():
                    old_blobs.rename(blobs)
                raise
            # The old index no longer describes Data.fs: the restored one, or none
            # (FileStorage then rebuilds it at open).
            try:
                os.replace(f"{new_fs}.index", f"{data_fs}.index")
            except FileNotFoundError:
                Path(f"{data_fs}.index").unlink(missing_ok=True)
        except BaseException:
            for leftover in made:
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)
            raise
    shutil.rmtree(old_blobs, ignore_errors=True)
    return manifest, time.monotonic() - started
