"""Which HTTP methods each named REST service answers: a known method on a service
that does not support it is a 405 with `Allow` (Zope would answer 404).

plone.rest registers a service as a view named `<METHOD>_<type>_<subtype>_<@name>`;
the table is read once from the component registry.
"""

import functools
import re
from zope.component import getGlobalSiteManager


_VIEW_NAME = re.compile(r"^([A-Z]+)_[^_]+_[^_]+_(@[^@/][^/]*)$")
UNCHECKED = ("OPTIONS", "HEAD")  # CORS preflight; HEAD is answered as GET


@functools.lru_cache(maxsize=1)
def _table():
    table = {}
    for registration in getGlobalSiteManager().registeredAdapters():
        match = _VIEW_NAME.match(registration.name or "")
        if match:
            table.setdefault(match.group(2), set()).add(match.group(1))
    return table


def service_name(path):
    """The first `@name` segment of a path (not a `@@view`), or None."""
    for segment in path.split("/"):
        if segment.startswith("@") and not segment.startswith("@@"):
            return segment
    return None


def allowed_methods(path, method):
    """None when the method is fine here, else the methods the named service answers."""
    name = service_name(path)
    if method in UNCHECKED or name is None:
        return None
    methods = _table().get(name)
    if not methods or method in methods:
        return None
    return sorted(methods | {"OPTIONS"} | ({"HEAD"} if "GET" in methods else set()))
