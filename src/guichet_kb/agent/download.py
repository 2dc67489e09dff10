"""Download a DILA archive (vosdroits-latest.zip) for the sync: to a temporary
file, with a size cap and timeouts; every failure is a SourceError with one
clear line."""

from contextlib import contextmanager
from guichet_kb.agent.sources import SourceError
import pathlib
import requests
import tempfile
import time
import zipfile


MAX_BYTES = 300 * 1024 * 1024  # the 2020 archive is ~60 MB zipped; a bigger answer is not it
CONNECT_TIMEOUT_S = 10
READ_TIMEOUT_S = 60  # between two chunks
TOTAL_TIMEOUT_S = 900  # the whole download
CHUNK = 1024 * 1024


def is_url(source):
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


@contextmanager
def downloaded(url):
    """Yield the path of the archive at ``url``, deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="guichet-sync-") as tmp:
        target = pathlib.Path(tmp) / "archive.zip"
        _fetch(url, target)
        if not zipfile.is_zipfile(target):
            raise SourceError(f"{url}: not a zip archive (a DILA package is vosdroits-latest.zip)")
        yield str(target)


def _fetch(url, target):
    started = time.monotonic()
    try:
        with requests.get(url, stream=True, timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S)) as response:
            if response.status_code != 200:
                raise SourceError(f"cannot download {url}: HTTP {response.status_code}")
            if int(response.headers.get("Content-Length") or 0) > MAX_BYTES:
                raise SourceError(f"cannot download {url}: more than {MAX_BYTES} bytes")
            size = 0
            with open(target, "wb") as stream:
                for chunk in response.iter_content(CHUNK):
                    size += len(chunk)
                    if size > MAX_BYTES:
                        raise SourceError(f"cannot download {url}: more than {MAX_BYTES} bytes")
                    if time.monotonic() - started > TOTAL_TIMEOUT_S:
                        raise SourceError(f"cannot download {url}: not finished within {TOTAL_TIMEOUT_S} s")
                    stream.write(chunk)
    except requests.ConnectionError:
        raise SourceError(f"cannot download {url}: connection refused or host unknown") from None
    except requests.Timeout:
        raise SourceError(f"cannot download {url}: no answer within {READ_TIMEOUT_S} s") from None
    except requests.RequestException as error:
        raise SourceError(f"cannot download {url}: {type(error).__name__}") from None
