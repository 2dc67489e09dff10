"""What the `<item>/@notices` services share: the item must carry notices, the
caller must manage them, and `/<id>` names one notice.

Written at once, without review: a notice is urgent (notices/__init__.py says
why). Registered with View; the real permission is `MANAGE_NOTICES` (editors,
reviewers, the town's administrators): 401 to anonymous callers, 403 to agents.
A cookie session sends plone.protect's token; Basic or token authentication needs none.
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_TOKEN
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.facts import NOTICE_TYPES
from guichet_kb.notices import is_active
from guichet_kb.notices import store
from guichet_kb.notices.validation import checked
from guichet_kb.notices.validation import FIELDS
from guichet_kb.notices.validation import NoticeError
from guichet_kb.permissions import MANAGE_NOTICES
from zExceptions import NotFound
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


ACKNOWLEDGE = "acknowledge"  # POST <item>/@notices/acknowledge (notice ids are hexadecimal: never this)


@implementer(IPublishTraverse)
class NoticesService(GuichetService):
    permission = MANAGE_NOTICES
    csrf = CSRF_TOKEN
    name = None  # the path segment after @notices, if any

    def publishTraverse(self, request, name):
        if self.name is not None:
            raise NotFound(self, name, request)
        self.name = name
        return self

    def check_permission(self):
        super().check_permission()
        if self.context.portal_type not in NOTICE_TYPES:
            raise Refused(
                400,
                _(
                    "error_notice_type",
                    default="This item carries no notices: only ${types} do.",
                    mapping={"types": ", ".join(NOTICE_TYPES)},
                ),
            )

    @property
    def url(self):
        return f"{self.context.absolute_url()}/@notices"

    def notice_json(self, notice, now=None):
        return {"@id": f"{self.url}/{notice['id']}", **notice, "active": is_active(notice, now or clock.now())}

    def notice(self):
        """The notice the path names, else 404."""
        found = store.find(self.context, self.name) if self.name else None
        if found is None:
            raise Refused(404, _("error_unknown_notice", default="This item has no notice '${id}'.", mapping={"id": str(self.name)[:64]}))
        return found

    def fields(self, existing=None):
        """The body's notice fields, checked (validation.py); 400 otherwise."""
        data = self.json_body()
        unknown = set(data) - set(FIELDS)
        if unknown or (existing is not None and not data):
            raise Refused(
                400,
                _(
                    "error_notice_fields",
                    default="Expected a JSON object with some of these fields: ${fields}.",
                    mapping={"fields": ", ".join(FIELDS)},
                ),
            )
        try:
            return checked(data, clock.now(), existing)
        except NoticeError as error:
            raise Refused(400, error.message) from None
