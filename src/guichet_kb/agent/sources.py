"""Where fiches come from: a folder, a zip of XML/JSON files, or an npm package."""
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


def iter_fiches(source):
    """Yield (name, bytes) for every fiche file of ``source``."""
    path = pathlib.Path(source)
    if path.is_dir():
        for file in sorted(path.rglob("*")):
            if file.is_file() and _wanted(file.name):
                yield str(file.relative_to(path)), file.read_bytes()
    elif path.is_file() and path.suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                for name in sorted(archive.namelist()):
                    if _wanted(name):
                        yield name, archive.read(name)
        except zipfile.BadZipFile as error:
            raise SourceError(f"{source}: broken zip ({error})") from None
    elif path.is_file() and _wanted(path.name):
        yield path.name, path.read_bytes()
    elif source.startswith("@") or (not path.exists() and "/" not in source):
        yield from _npm(source)
    else:
        raise SourceError(f"{source}: not a folder, a .zip, a fiche file or an npm package name")


def _npm(package):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            done = subprocess.run(["npm", "pack", package, "--silent"], cwd=tmp, capture_output=True, text=True, timeout=600)
        except FileNotFoundError:
            raise SourceError("npm is not installed: cannot fetch an npm package") from None
        if done.returncode != 0:
            raise SourceError(f"npm pack {package} failed: {done.stderr.strip()[:300]}")
        tarball = pathlib.Path(tmp) / done.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball) as archive:
            for member in archive:
                if member.isfile() and _wanted(member.name) and "/data/" in member.name:
                    yield member.name, archive.extractfile(member).read()
