"""Where the open-data files are kept: the site's annotations (annotations.py),
one persistent record per file (bytes, sha256, size, media type, generated at),
replaced as a whole by each regeneration. Readers (`GET @open-data`, the public
page) only read it; before the first regeneration there is nothing (None).
The files hold no personal data (catalogue.py, monthly.py); each regeneration
drops the previous copy.
"""

from datetime import datetime
from guichet_kb.annotations import site_store
from guichet_kb.facts import OPEN_DATA_FILES
import hashlib
from persistent import Persistent
from persistent.mapping import PersistentMapping


KEY = "guichet_kb.opendata"


class Body(Persistent):
    """A file's bytes, loaded only when the file itself is served."""

    def __init__(self, data):
        self.data = data


class Resource(Persistent):
    def __init__(self, name, data, generated):
        self.name = name
        self.content_type = OPEN_DATA_FILES[name]
        self.size = len(data)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.generated_at = generated.isoformat()  # text: a zoneinfo time zone does not pickle in the ZODB
        self.body = Body(data)

    @property
    def generated(self):
        """When it was made (aware datetime)."""
        return datetime.fromisoformat(self.generated_at)

    @property
    def data(self):
        return self.body.data


def save(files, generated):
    """Store ``files`` ({name: bytes}, the names of facts.OPEN_DATA_FILES) made at ``generated``."""
    store = site_store(KEY, PersistentMapping)
    store.clear()
    store.update({name: Resource(name, files[name], generated) for name in OPEN_DATA_FILES})


def resources():
    """[Resource] in listing order, or None when never generated (reads only)."""
    store = site_store(KEY)
    if not store:
        return None
    return [store[name] for name in OPEN_DATA_FILES if name in store]


def resource(name):
    """The stored file ``name`` or None (unknown name, or not generated yet)."""
    store = site_store(KEY)
    return store.get(name) if store and name in OPEN_DATA_FILES else None
