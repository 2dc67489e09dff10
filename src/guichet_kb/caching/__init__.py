"""Invalidating a caching proxy (Varnish) when the catalogue changes.

plone.cachepurging sends PURGEs for an item's own standard URLs after each commit;
this package adds what it cannot know: one BAN per transaction for everything that
showed the item (its `++api++` and public-app forms, the aggregate read services,
the public site's pages), the proxies' settings (settings.py, from CACHING_PROXIES),
and the expiry that has no event: cached reads live no longer than the next
effective/expiration date among published items (window.py, operation.py).
"""
