"""POST @workflow for catalogue items: clear refusals, no silent success.

plone.restapi treats a transition whose target state is already reached as a
success. Here a transition that does not leave the current state (a second
"publish" racing the first, a typo) is a 400 naming the state and what is allowed,
and one the caller may not do (a guard refuses it) a 400 saying so. Other workflow
errors keep their own text, translated with their mapping (plone.restapi translates
``str(error)``, which loses the mapping and showed "${action_id}" to users).
"""

from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.workflow.rules import unavailable
from plone.restapi.services.workflow.transition import WorkflowTransition as BaseWorkflowTransition
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.i18n import translate


class WorkflowTransition(GuichetService, BaseWorkflowTransition):
    csrf = CSRF_OFF  # as plone.restapi's (which turns it off in reply())
    max_body = 256 * 1024  # a comment and publication dates

    def reply(self):
        if self.transition is not None:
            self.json_body()  # a malformed body is a 400 before anything runs
            problem = self.unavailable()
            if problem is not None:
                raise Refused(400, problem, type="WorkflowException")
        return super().reply()

    def unavailable(self):
        return unavailable(self.context, self.transition)

    def recurse_transition(self, *args, **kwargs):
        try:
            return super().recurse_transition(*args, **kwargs)
        except WorkflowException as error:
            if not error.args:
                raise
            raise WorkflowException(translate(error.args[0], context=self.request)) from error

    def is_same_state(self, obj):
        return False
