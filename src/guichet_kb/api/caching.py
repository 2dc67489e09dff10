"""Cache-Control for the public read services.

Anonymous answers are the same for everyone, so an HTTP cache or CDN may keep
them briefly (and serve a stale copy while revalidating); anything answered to a
logged-in caller may hold staff fields and is never stored.
"""
from plone import api

MAX_AGE = 60


class CachedForAnonymous:
    """Mixin for plone.restapi services: sets the headers after reply()."""

    max_age = MAX_AGE

    def render(self):
        response = self.request.response
        if api.user.is_anonymous():
            response.setHeader("Cache-Control", f"public, max-age={self.max_age}, stale-while-revalidate=300")
        else:
            response.setHeader("Cache-Control", "private, no-store")
        response.setHeader("Vary", "Accept, Accept-Language, Authorization, Cookie")
        return super().render()
