"""What the agent services share: permission answers, JSON body, errors, CSRF."""

from guichet_kb import _
from guichet_kb.api.guard.errors import error_body
from guichet_kb.api.guard.errors import Refused  # noqa: F401 (imported from here by the agent services)
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.permissions import VIEW_INTERNAL
from plone import api
from plone.protect.authenticator import check as check_csrf
from plone.protect.interfaces import IDisableCSRFProtection
from zExceptions import Forbidden
from zope.interface import alsoProvides
from zope.security import checkPermission


class AgentService(GuichetService):
    """Registered with zope2.View; the real permission is checked here so that an
    anonymous caller gets 401 and a logged-in one without the role a clear 403."""

    permission = VIEW_INTERNAL
    fields = frozenset()

    def reply(self):
        try:
            self.require_permission()
            return self.answer()
        except Refused as error:
            return self.error(error.status, error.message)

    def allowed(self):
        return checkPermission(self.permission, self.context)

    def require_permission(self):
        if self.allowed():
            return
        if api.user.is_anonymous():
            raise Refused(401, _("error_login_required", default="Log in first (staff only)."))
        raise Refused(403, _("error_not_allowed", default="Your account is not allowed to do this."))

    def body(self):
        # Token or basic auth cannot be forged by another site; the console's cookie
        # session sends plone.protect's X-CSRF-TOKEN instead.
        if getattr(self.request, "_auth", None):
            alsoProvides(self.request, IDisableCSRFProtection)
        else:
            try:  # checked here, not left to plone.protect's heuristics on what was written
                check_csrf(self.request)
            except Forbidden:
                raise Refused(403, _("error_csrf", default="Reload the page: its security token is missing or expired.")) from None
        data = self.json_body()
        if set(data) - self.fields:
            raise Refused(
                400,
                _(
                    "error_agent_fields",
                    default="Expected a JSON object with only these fields: ${fields}.",
                    mapping={"fields": ", ".join(sorted(self.fields))},
                ),
            )
        return data

    def item(self, uid, types=ANSWERABLE_TYPES):
        """The sheet or answer with this UID that the caller may view, else 404."""
        if not isinstance(uid, str) or not uid:
            raise Refused(400, _("error_service_required", default="Give the 'service' UID of a sheet or an answer."))
        brains = self.context.portal_catalog(UID=uid, portal_type=types)
        if not len(brains):
            raise Refused(404, _("error_unknown_item", default="No service sheet or answer with this UID."))
        return brains[0]

    def choice(self, data, name, allowed):
        value = data.get(name)
        if value not in allowed:
            raise Refused(
                400, _("error_bad_choice", default="'${name}' must be one of: ${allowed}.", mapping={"name": name, "allowed": ", ".join(allowed)})
            )
        return value

    def error(self, status, message):
        self.request.response.setStatus(status)
        return error_body(status, message, self.request)
