"""How a request leaves its worker thread: clean, whatever happened to the ZODB cache.

Zope's WSGI publisher closes the request's ZODB connection (``load_app``) before it
closes the request, and the request's close notifies ``IEndRequestEvent``, whose
subscriber ``clearThreadSiteSubscriber`` clears the thread's current site. The event is
dispatched through that very site's component registry: when the registry became a ghost
at the connection's close (evicted by the cache's incremental GC, or invalidated by a
concurrent commit and flushed by the final abort), loading it on the closed connection
raises « Shouldn't load state ... when the connection is closed », the subscriber never
runs, and the worker thread keeps a dead site: every later request it serves fails at
``setDefaultSkin``. One wedged thread of four is one request in four failing, until a
restart. ``sites.release_on_close`` makes the connection's close clear the thread's
site first, so the end of the request dispatches through the global registry.
"""
