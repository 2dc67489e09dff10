"""HTTP caching of the public read services, through plone.app.caching.

The services are assigned the ruleset `guichet_kb.public_api` (configure.zcml);
the profile maps it to plone.app.caching's terse caching, anonymous only: an
anonymous answer is the same for everyone, so browsers and a CDN keep it
briefly; anything answered to a logged-in caller may hold staff fields and gets
"private". "Open now" and popularity change with time, not with the catalog, so
the ETag carries the minute as well as the catalog counter: a revalidation
never keeps an answer older than a minute. It also carries the next moment a
published item appears or expires (caching/window.py), which the ruleset's
operation (caching/operation.py) caps the freshness at.
"""

from guichet_kb.caching import window
from plone.app.caching.interfaces import IETagValue
from Products.CMFCore.interfaces import ICatalogTool
import time
from zope.component import adapter
from zope.component import queryUtility
from zope.interface import implementer
from zope.interface import Interface


RULESET = "guichet_kb.public_api"


@implementer(IETagValue)
@adapter(Interface, Interface)
class MinuteAndCatalog:
    def __init__(self, published, request):
        self.published, self.request = published, request

    def __call__(self):
        catalog = queryUtility(ICatalogTool)
        counter = catalog.getCounter() if catalog is not None else 0
        return f"{int(time.time() // 60)}-{counter}-{window.token(self.request)}"
