"""What an item remembers of its last import, and what an editor changed since.

The Service-Public importer stores, under `IMPORT_KEY`, the source hash and the
values it wrote; a field whose current value differs from the one imported is a
local override: the importer keeps it on re-import and the sheet page shows it
to staff. Here, not in `importers/`, so that pages read it without importing
the importer.
"""

from datetime import date
from guichet_kb.importers.nodes import normalise
from html import unescape
from plone.app.textfield.value import RichTextValue
from zope.annotation.interfaces import IAnnotations


IMPORT_KEY = "guichet_kb.import"


def current_value(obj, name):
    """The stored value in the form the importer writes it, to spot local edits."""
    value = getattr(obj, name, None)
    if isinstance(value, RichTextValue):
        return value.raw
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [dict(v) if isinstance(v, dict) else v for v in value]
    return value


def _rows(value):
    """Table rows with an empty cell as "" (the datagrid stores None for it)."""
    return [{k: "" if v is None else v for k, v in row.items()} if isinstance(row, dict) else row for row in value]


def same_value(a, b):
    """Equal once HTML entities and spacing are normalised (storage rewrites them)."""
    if isinstance(a, str) and isinstance(b, str):
        return normalise(unescape(a)) == normalise(unescape(b))
    if isinstance(a, list) and isinstance(b, list):
        return _rows(a) == _rows(b)
    return a == b


def local_overrides(obj):
    """Imported fields an editor changed since the last import (kept on re-import)."""
    last = IAnnotations(obj).get(IMPORT_KEY, {}).get("values", {})
    return [name for name, value in last.items() if not same_value(current_value(obj, name), value)]
