"""One BAN per transaction for what showed the changed items, sent after commit.

plone.app.caching notifies a Purge event for each item of a purged type that is
modified, moved, removed or goes through a workflow transition (the types are set
by settings.configure). Like plone.cachepurging's own hook, the item is only noted
on the request then; after a successful commit (IPubSuccess) one BAN per proxy is
queued on a BanPurger, plone.cachepurging's purger (queue and worker thread per
proxy, retries) sending the regex in the X-Ban-Url header the VCL reads.

Only what anonymous callers could see is banned: a transaction that went through a
workflow transition (publish, retract, archive…) or touched a published item (an
edit, a move, a delete, a working copy checked in). Saving a draft or a pending item
bans nothing: it showed nowhere public.
"""

from guichet_kb.caching.patterns import ban_pattern
from guichet_kb.caching.window import PUBLISHED
from plone import api
from plone.app.caching.utils import isPurged
from plone.cachepurging.interfaces import ICachePurgingSettings
from plone.cachepurging.purger import DefaultPurger
from plone.cachepurging.utils import isCachePurgingEnabled
from plone.registry.interfaces import IRegistry
from Products.CMFCore.interfaces import IActionSucceededEvent
from Products.CMFCore.interfaces import IContentish
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


def stop_purgers(wait=True):
    """Stop the purge worker threads (plone.cachepurging's and ours), letting each finish
    the request in hand. Call it when the instance stops: they are not daemon threads
    and nothing else stops them, so the interpreter would wait on them forever at exit
    (measured: a SIGTERMed instance that had purged once never ended)."""
    from plone.cachepurging.purger import DEFAULT_PURGER

    return all([DEFAULT_PURGER.stopThreads(wait=wait), BAN_PURGER.stopThreads(wait=wait)])


def _changes():
    """This request's record of changes, or None (no request, purging off)."""
    request = getRequest()
    annotations = IAnnotations(request, None) if request is not None else None
    if annotations is None or not isCachePurgingEnabled():
        return None
    if KEY not in annotations:
        site = getSite()
        site_path = ("/" + site.virtual_url_path()).rstrip("/") if site is not None else ""
        annotations[KEY] = {"site": site_path, "items": set(), "public": False}
    return annotations[KEY]


@adapter(IPurgeEvent)
def note_change(event):
    """Remember the item (its path under the site as clients see it) for the BAN."""
    changes = _changes()
    if changes is None:
        return
    site_path, path = changes["site"], "/" + event.object.virtual_url_path()
    changes["items"].add(path[len(site_path) :] if path.startswith(site_path + "/") else path)
    if api.content.get_state(event.object, default=None) == PUBLISHED:
        changes["public"] = True


@adapter(IContentish, IActionSucceededEvent)
def note_transition(obj, event):
    """A transition may hide what was public (retract, archive): always ban."""
    changes = _changes() if isPurged(obj) else None
    if changes is not None:
        changes["public"] = True


@adapter(IPubSuccess)
def send_ban(event):
    """After commit: one BAN per proxy (nothing was noted on a GET: GET never writes)."""
    annotations = IAnnotations(event.request, None)
    changed = annotations.get(KEY) if annotations is not None else None
    registry = queryUtility(IRegistry)
    if not changed or not changed["public"] or registry is None or not isCachePurgingEnabled(registry=registry):
        return
    pattern = ban_pattern(changed["site"], changed["items"])
    for proxy in registry.forInterface(ICachePurgingSettings, check=False).cachingProxies or ():
        BAN_PURGER.purgeAsync(BanURL(proxy.rstrip("/") + "/", pattern), httpVerb="BAN")
