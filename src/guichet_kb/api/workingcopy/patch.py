"""PATCH @workingcopy (check-in) with a change note: {"message": "..."}.

plone.restapi checks in with an empty note; the editorial rules require one, and
refusals (own copy, incomplete) come back as a 400 with the reasons in French, in
one ``message`` string like every other error.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.workflow.rules import EditorialRefusal
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.restapi.services.workingcopy.update import UpdateWorkingCopy
from zope.component import getMultiAdapter


class CheckinWithNote(GuichetService, UpdateWorkingCopy):
    csrf = CSRF_OFF  # as plone.restapi's (which turns it off in reply())
    max_body = 256 * 1024  # the change note

    def reply(self):
        policy = ICheckinCheckoutPolicy(self.context)
        working_copy = policy.getWorkingCopy()
        if working_copy is None:
            raise Refused(404, _("error_no_working_copy", default="This item has no working copy."))
        if not policy.getBaseline():
            policy = ICheckinCheckoutPolicy(working_copy)
        control = getMultiAdapter((working_copy, self.request), name="iterate_control")
        if not control.checkin_allowed():
            raise Refused(403, "Checkin not allowed")
        data = self.json_body()
        try:
            policy.checkin(data.get("message", ""))
        except EditorialRefusal as refused:
            raise Refused(400, " ".join(refused.problems)) from None
        return self.reply_no_content()
