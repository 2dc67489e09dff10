"""`GuichetService`: the base of every guichet_kb REST service, the convention in one place.

Each service declares what differs as class attributes; `render()` applies them
in this order, then calls `reply()`:

- `plain_parameters`: Zope's form marshalling (`?q.x:record=1`, `:list`, `:int`…)
  turns parameters into records, lists or numbers the services do not expect: our
  services take plain `name=value` parameters only, and refuse the rest with a 400.
  Stock services we override keep what plone.restapi accepts (False).
- permission: the ZCML `permission=` is checked by Zope before the service runs,
  and plone.restapi's "Use REST API" by `check_permission()`. A service that must
  tell anonymous callers (401) from staff without the role (403), in French, is
  registered with zope2.View and names its real `permission` here (or overrides
  `allowed()` for a finer rule).
- `csrf`: what plone.protect does with a write. `CSRF_PLONE` (the default): its
  usual automatic check. `CSRF_OFF`: no token asked; the REST write check of
  protection/csrf.py (Origin, Referer, ambient credentials) still applies. `CSRF_TOKEN`:
  a cookie session must send plone.protect's token (the agent console does);
  token or Basic authentication cannot be forged by another site and needs none.
- `json_body()` parses the body once: larger than `max_body` → 413; not JSON, not
  an object → 400.
- errors: a service raises `Refused(status, message)`; it is answered as
  `{"error": {"type", "message"}}` (errors.error_body) and the transaction is
  doomed, so a refused request stores nothing.
- a reply that is not JSON (a CSV download) is `self.file_reply(text, ...)`.
- a public answer a cache may keep briefly: `self.short_cache(seconds)` (anonymous
  callers: public, max-age; staff: private, no-cache).

`PathService` takes the rest of its path as parameters (`self.params`:
`@bookings/<code>/status`, `@queues/<uid>`).
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import refusal_body
from guichet_kb.api.guard.errors import Refused
import json
from plone import api
from plone.protect.authenticator import check as check_token
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import _no_content_marker
from plone.restapi.services import Service
import transaction
from urllib.parse import parse_qsl
from zExceptions import Forbidden
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse
from zope.security import checkPermission
from ZPublisher.HTTPRequest import search_type


CSRF_PLONE, CSRF_OFF, CSRF_TOKEN = "plone", "off", "token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class FileBody(str):
    """A reply sent as it is (not JSON), with its content type."""

    def __new__(cls, text, content_type):
        body = super().__new__(cls, text)
        body.content_type = content_type
        return body


def _marshalled(name):
    return search_type(name) is not None


class GuichetService(Service):
    max_body = 4096
    plain_parameters = True
    permission = None
    csrf = CSRF_PLONE

    def render(self):
        try:
            if self.plain_parameters:
                self.check_parameters()
            self.check_permission()
            self.check_csrf()
            content = self.reply()
        except Refused as refused:
            transaction.doom()
            content = refusal_body(refused, self.request)
        if isinstance(content, FileBody):
            self.request.response.setHeader("Content-Type", content.content_type)
            return str(content)
        if content is _no_content_marker:
            return None
        self.request.response.setHeader("Content-Type", self.content_type)
        return json.dumps(content, indent=2, sort_keys=True, separators=(", ", ": "))

    def check_permission(self):
        super().check_permission()  # plone.restapi's Use REST API
        if self.permission is None or self.allowed():
            return
        if api.user.is_anonymous():
            raise Refused(401, _("error_login_required", default="Log in first (staff only)."))
        raise Refused(403, _("error_not_allowed", default="Your account is not allowed to do this."))

    def allowed(self):
        return checkPermission(self.permission, self.context)

    def check_csrf(self):
        if self.csrf == CSRF_OFF:
            alsoProvides(self.request, IDisableCSRFProtection)
        elif self.csrf == CSRF_TOKEN and self.request.get("REQUEST_METHOD", "GET").upper() not in SAFE_METHODS:
            if getattr(self.request, "_auth", None):
                alsoProvides(self.request, IDisableCSRFProtection)
                return
            try:  # checked here, not left to plone.protect's heuristics on what was written
                check_token(self.request)
            except Forbidden:
                raise Refused(403, _("error_csrf", default="Reload the page: its security token is missing or expired.")) from None

    def check_parameters(self):
        names = [name for name, _value in parse_qsl(self.request.environ.get("QUERY_STRING", ""), keep_blank_values=True)]
        marshalled = sorted({name for name in names if _marshalled(name)})
        if (
            marshalled
            or any(not isinstance(value, str) for value in self.request.form.values() if not isinstance(value, list))
            or any(not isinstance(item, str) for value in self.request.form.values() if isinstance(value, list) for item in value)
        ):
            raise Refused(
                400,
                _(
                    "error_marshalling",
                    default="Send plain parameters (name=value): ${names} not accepted.",
                    mapping={"names": ", ".join(n[:50] for n in marshalled) or "-"},
                ),
            )

    def json_body(self):
        """The JSON object sent as body ({} when there is none)."""
        if int(self.request.getHeader("Content-Length") or 0) > self.max_body:
            raise Refused(413, _("error_body_too_large", default="Request too large."))
        raw = self.request.get("BODY") or b"{}"
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            raise Refused(400, _("error_bad_json", default="The body must be JSON.")) from None
        if not isinstance(data, dict):
            raise Refused(400, _("error_json_object", default="The body must be a JSON object."))
        return data

    def file_reply(self, text, content_type, filename=None):
        """A reply that is not JSON: a download when a file name is given."""
        if filename:
            self.request.response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        return FileBody(text, content_type)

    def short_cache(self, seconds):
        """Cache-Control of a public answer: anonymous callers' kept ``seconds``, staff's never shared."""
        response = self.request.response
        if api.user.is_anonymous():
            response.setHeader("Cache-Control", f"public, max-age={seconds}")
        else:
            response.setHeader("Cache-Control", "private, no-cache")
        response.setHeader("Vary", "Accept, Accept-Language, Authorization, Cookie")


@implementer(IPublishTraverse)
class PathService(GuichetService):
    """A service taking the rest of its path as parameters (``self.params``)."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self
