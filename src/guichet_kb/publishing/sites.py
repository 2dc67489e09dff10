"""Clear the thread's site when the connection it was loaded from closes (see the
package's docstring)."""

from zope.component.hooks import setSite


FLAG = "_guichet_kb_site_released"


def _release():
    setSite(None)


def release_on_close(site, event):
    """(ISite, IBeforeTraverseEvent), beside Five's ``threadSiteSubscriber``: once per
    request, ask the site's connection to clear the thread's site when it closes."""
    request = event.request
    jar = getattr(site, "_p_jar", None)
    if jar is None or request is None or getattr(request, FLAG, False):
        return
    setattr(request, FLAG, True)
    jar.onCloseCallback(_release)
