"""`AgentService`: what the services of staff tools share.

Registered with zope2.View; the real permission is the class attribute
`permission` (checked by `GuichetService.check_permission`: 401 to anonymous
callers, a clear 403 to staff without the role). Writes ask plone.protect's
token from a cookie session (CSRF_TOKEN). The body may hold only `fields`.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_TOKEN
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.permissions import VIEW_INTERNAL


class AgentService(GuichetService):
    permission = VIEW_INTERNAL
    csrf = CSRF_TOKEN
    fields = frozenset()

    def body(self):
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

    def published(self, uid, portal_type, message):
        """The brain of the published item of this type with this UID, else 400 with
        `message`: one message whether it is unknown, unpublished or of another type, so
        a refusal tells nothing about unpublished items."""
        brains = self.context.portal_catalog.unrestrictedSearchResults(UID=uid, portal_type=portal_type) if isinstance(uid, str) and uid else ()
        if not brains or brains[0].review_state != "published":
            raise Refused(400, message)
        return brains[0]

    def organisation(self, uid):
        """The published Organisation with this UID (an orientation's target), else 400."""
        message = _("error_orientation_organisation", default="'organisation' must be the UID of a published organisation (organismes).")
        return self.published(uid, "Organisation", message)

    def desk(self, uid):
        """The published Desk with this UID (where the agent works, issue 17), else 400."""
        return self.published(uid, "Desk", _("error_interaction_desk", default="'desk' must be the UID of a published desk (guichets)."))

    def choice(self, data, name, allowed):
        value = data.get(name)
        if value not in allowed:
            raise Refused(
                400, _("error_bad_choice", default="'${name}' must be one of: ${allowed}.", mapping={"name": name, "allowed": ", ".join(allowed)})
            )
        return value
