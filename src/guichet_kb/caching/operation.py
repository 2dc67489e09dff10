"""The read services' caching operation: plone.app.caching's terse caching whose
max-age and s-maxage never reach past the next effective/expiration date (window.py).

It reads the same registry records as terseCaching (same prefix), so the profile's
`plone.app.caching.terseCaching.guichet_kb.public_api.*` settings still apply.
When the cap applies, `stale-while-revalidate=0` tells Varnish to keep no grace copy
past it.
"""

from guichet_kb import _
from guichet_kb.caching.window import seconds_left
from plone.app.caching.operations.default import TerseCaching
from plone.caching.interfaces import ICachingOperationType
import re
from zope.interface import provider


NAME = "guichet_kb.windowedCaching"
AGE = re.compile(r"\b(max-age|s-maxage)=(\d+)")


def cap(header, seconds):
    """A Cache-Control value with its max-age and s-maxage at most `seconds`."""
    capped = AGE.sub(lambda m: f"{m.group(1)}={min(int(m.group(2)), seconds)}", header)
    return capped if capped == header else f"{capped}, stale-while-revalidate=0"


@provider(ICachingOperationType)
class WindowedCaching(TerseCaching):
    title = _("Terse caching until the next effective or expiration date")
    description = _("Terse caching, kept no longer than the next moment a published item appears or expires.")

    def modifyResponse(self, rulename, response, class_=None):
        super().modifyResponse(rulename, response, class_=class_)
        header = response.getHeader("Cache-Control") or ""
        if "public" in header and AGE.search(header):
            left = seconds_left(self.request)
            if left is not None:
                response.setHeader("Cache-Control", cap(header, left))
