"""The site's own stores (interaction log, idempotency keys, digest claims, counters)
live in the portal's annotations: one way to reach them, created on a write only."""

from plone import api
from zope.annotation.interfaces import IAnnotations


def site_store(key, factory=None):
    """The store under `key`; made with factory() when absent and a factory is given
    (a write). Without one (a read: GET never writes) None when absent."""
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(key)
    if store is None and factory is not None:
        store = annotations[key] = factory()
    return store


def entry_of(store, tree, key, factory, create=False):
    """`store`'s entry `key` of its BTree attribute `tree` (None without a store); made
    with factory(key) when absent and create (a write)."""
    if store is None:
        return None
    entries = getattr(store, tree)
    found = entries.get(key)
    if found is None and create:
        found = entries[key] = factory(key)
    return found
