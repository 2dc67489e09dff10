"""PATCH @workingcopy (check-in) with a change note: {"message": "..."}.

plone.restapi checks in with an empty note; the editorial rules require one, and
refusals (own copy, incomplete) come back as a 400 with the reasons in French, in
one ``message`` string like every other error.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.workflow.rules import Refused as NotCheckedIn
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services.workingcopy.update import UpdateWorkingCopy
from zope.component import getMultiAdapter
from zope.interface import alsoProvides


class CheckinWithNote(UpdateWorkingCopy):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        policy = ICheckinCheckoutPolicy(self.context)
        working_copy = policy.getWorkingCopy()
        if working_copy is None:
            raise Refused(404, _("error_no_working_copy", default="This item has no working copy."))
        if not policy.getBaseline():
            policy = ICheckinCheckoutPolicy(working_copy)
        control = getMultiAdapter((working_copy, self.request), name="iterate_control")
        if not control.checkin_allowed():
            return self._error(403, "Forbidden", "Checkin not allowed")
        try:
            data = json_body(self.request)
        except (DeserializationError, RecursionError):
            raise Refused(400, _("error_bad_json", default="The body must be JSON.")) from None
        try:
            policy.checkin(data.get("message", ""))
        except NotCheckedIn as refused:
            return self._error(400, "BadRequest", " ".join(refused.problems))
        return self.reply_no_content()
