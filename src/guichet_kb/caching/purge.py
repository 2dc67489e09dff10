"""One BAN per transaction for what showed the changed items, sent after commit.

plone.app.caching notifies a Purge event for each item of a purged type that is
modified, moved, removed or goes through a workflow transition (the types are set
by settings.configure). Like plone.cachepurging's own hook, the item is only noted
on the request then; after a successful commit (IPubSuccess) one BAN per proxy is
queued on a BanPurger, plone.cachepurging's purger (queue and worker thread per
proxy, retries) sending the regex in the X-Ban-Url header the VCL reads.
"""

from guichet_kb.caching.patterns import ban_pattern
from plone.cachepurging.interfaces import ICachePurgingSettings
from plone.cachepurging.purger import DefaultPurger
from plone.cachepurging.utils import isCachePurgingEnabled
from plone.registry.interfaces import IRegistry
from z3c.caching.interfaces import IPurgeEvent
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.component import queryUtility
from zope.component.hooks import getSite
from zope.globalrequest import getRequest
from zope.testing.cleanup import addCleanUp
from ZPublisher.interfaces import IPubSuccess


KEY = "guichet_kb.caching.changed"
HEADER = "X-Ban-Url"


class BanURL(str):
    """A proxy URL to BAN, carrying its pattern through the purger's queue."""

    pattern = ""

    def __new__(cls, url, pattern):
        self = super().__new__(cls, url)
        self.pattern = pattern
        return self


class BanPurger(DefaultPurger):
    """plone.cachepurging's purger, adding the X-Ban-Url header to BAN requests."""

    def purge(self, session, url, httpVerb="PURGE"):
        if httpVerb != "BAN":
            return super().purge(session, url, httpVerb)
        response = session.request("BAN", url, headers={HEADER: url.pattern}, timeout=self.timeout)
        return response, response.headers.get("x-cache", ""), ""


BAN_PURGER = BanPurger()
addCleanUp(BAN_PURGER.stopThreads)


@adapter(IPurgeEvent)
def note_change(event):
    """Remember the item (its path under the site as clients see it) for the BAN."""
    request = getRequest()
    annotations = IAnnotations(request, None) if request is not None else None
    if annotations is None or not isCachePurgingEnabled():
        return
    site = getSite()
    site_path = ("/" + site.virtual_url_path()).rstrip("/") if site is not None else ""
    annotations.setdefault(KEY, {"site": site_path, "items": set()})
    site_path = annotations[KEY]["site"]
    path = "/" + event.object.virtual_url_path()
    annotations[KEY]["items"].add(path[len(site_path) :] if path.startswith(site_path + "/") else path)


@adapter(IPubSuccess)
def send_ban(event):
    """After commit: one BAN per proxy (nothing was noted on a GET: GET never writes)."""
    annotations = IAnnotations(event.request, None)
    changed = annotations.get(KEY) if annotations is not None else None
    registry = queryUtility(IRegistry)
    if not changed or registry is None or not isCachePurgingEnabled(registry=registry):
        return
    pattern = ban_pattern(changed["site"], changed["items"])
    for proxy in registry.forInterface(ICachePurgingSettings, check=False).cachingProxies or ():
        BAN_PURGER.purgeAsync(BanURL(proxy.rstrip("/") + "/", pattern), httpVerb="BAN")
