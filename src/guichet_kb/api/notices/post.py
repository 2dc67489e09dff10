"""POST <item>/@notices {"kind", "reason"[, "start"][, "end"]}: a notice, effective at once.

POST <item>/@notices/acknowledge (reviewers): the notices log's entries written by
others are marked seen (four eyes after the fact); one's own stay for another
reviewer, unless one may override four eyes (Site Administrators).
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.notice import ACKNOWLEDGE
from guichet_kb.api.notice import NoticesService
from guichet_kb.notices import store
from guichet_kb.permissions import OVERRIDE_FOUR_EYES
from guichet_kb.permissions import REVIEW_QUEUE
from plone import api
from zope.security import checkPermission


class NoticesPost(NoticesService):
    def reply(self):
        if self.name == ACKNOWLEDGE:
            return self.acknowledge()
        if self.name:
            raise Refused(404, _("error_unknown_notice", default="This item has no notice '${id}'.", mapping={"id": str(self.name)[:64]}))
        notice = store.add(self.context, self.fields())
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", f"{self.url}/{notice['id']}")
        return self.notice_json(notice)

    def acknowledge(self):
        if not checkPermission(REVIEW_QUEUE, self.context):
            raise Refused(403, _("error_not_allowed", default="Your account is not allowed to do this."))
        if self.json_body():
            raise Refused(400, _("error_notice_acknowledge_body", default="Send an empty JSON object to acknowledge the notices."))
        reviewer = api.user.get_current().getId()
        done, left = store.acknowledge(self.context, reviewer, own_allowed=checkPermission(OVERRIDE_FOUR_EYES, self.context))
        if left and not done:
            raise Refused(
                403,
                _("error_notice_acknowledge_own", default="You wrote these notices: another reviewer must acknowledge them."),
            )
        return {"@id": self.url, "acknowledged": done, "left": left}
