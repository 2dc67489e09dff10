"""Cross-site request forgery on REST writes.

plone.protect guards Classic UI forms, but plone.restapi turns it off for its
services (and PUT, PATCH and DELETE never reach its check), so a page on another
site could make an editor's browser send a write with the editor's cookie. After
traversal (the caller is known, nothing has run yet), an unsafe request (POST,
PATCH, PUT, DELETE) to a REST service, or a PUT, PATCH or DELETE anywhere, made
with credentials a browser attaches by itself (the `__ac` session cookie, an
`auth_token` cookie, cached Basic credentials) must show it comes from this site:

1. plone.protect's token (`_authenticator` field or `X-CSRF-TOKEN` header), or
2. an `Origin` header naming this site (the one the request is served as), or,
   without `Origin`, a `Referer` on this site;
3. with neither header, Basic credentials alone (command line, scripts: browsers
   send `Origin` with every cross-site write) are accepted; a cookie is not.

Bearer tokens (CLI, scripts, single-page apps) are never attached by a browser on
its own, and credentials in the body of `@login` are not ambient: both are left
alone. Refusals are a 403 (JSON for REST) and the transaction is aborted.
"""

from AccessControl import getSecurityManager
from guichet_kb import _
from guichet_kb.api.guard.errors import error_body
import json
from plone.protect.authenticator import check
from plone.protect.authenticator import isAnonymousUser
from plone.rest.interfaces import IAPIRequest
from urllib.parse import urlsplit
from zExceptions import Forbidden
from zope.i18n import translate


UNSAFE = frozenset({"POST", "PATCH", "PUT", "DELETE"})
AMBIENT_COOKIES = ("__ac", "auth_token")  # plone.session's and Volto's login cookies
DEFAULT_PORTS = {"http": 80, "https": 443}
MESSAGE = _("error_csrf", default="Reload the page: its security token is missing or expired.")


class CrossSiteRequestRefused(Forbidden):
    """A cookie-authenticated write that does not come from this site."""


def _origin(url):
    try:
        parts = urlsplit(url)
        return (parts.scheme.lower(), (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(parts.scheme.lower()))
    except ValueError:  # a malformed port
        return None


def same_site(request, url):
    """True when `url` is on the site as this request is served (virtual hosting included)."""
    origin = _origin(url)
    return origin is not None and origin[1] != "" and origin == _origin(request["SERVER_URL"])


def _basic(request):
    return (request._auth or "")[:6].lower() == "basic "


def _cookie(request):
    return any(request.cookies.get(name) for name in AMBIENT_COOKIES)


def ambient(request):
    """Credentials a browser would send by itself, to any page asking (not a bearer token)."""
    return (request._auth or "")[:7].lower() != "bearer " and (_basic(request) or _cookie(request))


def vouched(request):
    """The token, else a same-site Origin, else a same-site Referer, else Basic alone."""
    try:
        check(request)
        return True
    except Forbidden:
        pass
    origin, referer = request.getHeader("Origin"), request.getHeader("Referer")
    if origin is not None:
        return same_site(request, origin)
    if referer:
        return same_site(request, referer)
    return _basic(request) and not _cookie(request)


def guarded(request):
    """Unsafe methods on REST services; PUT, PATCH and DELETE anywhere (plone.protect
    checks Classic UI POSTs, and never sees the other methods)."""
    method = request.get("REQUEST_METHOD", "GET").upper()
    return method in UNSAFE and (IAPIRequest.providedBy(request) or method != "POST")


def check_write(event):
    """IPubAfterTraversal: refuse a forgeable write (see the module's docstring)."""
    request = event.request
    if not guarded(request) or isAnonymousUser(getSecurityManager().getUser()) or not ambient(request):
        return
    if not vouched(request):
        message = translate(MESSAGE, context=request)
        # Zope maps an exception class to a status by its name: outside REST, a plain Forbidden.
        raise CrossSiteRequestRefused(message) if IAPIRequest.providedBy(request) else Forbidden(message)


class RefusalView:
    """The REST answer to a refusal: 403 and the usual error JSON."""

    def __init__(self, context, request):
        self.context, self.request = context, request

    def __call__(self):
        self.request.response.setStatus(403, lock=1)  # not the class name's (unknown: 500)
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(error_body(403, str(self.context), self.request))
