"""POST @workflow for catalogue items: clear refusals, no silent success.

plone.restapi treats a transition whose target state is already reached as a
success. Here a transition that does not leave the current state (a second
"publish" racing the first, a typo) is a 400 naming the state and what is allowed.
"""
from guichet_kb import _
from plone.restapi.services.workflow.transition import WorkflowTransition as BaseWorkflowTransition
from zope.i18n import translate


class WorkflowTransition(BaseWorkflowTransition):
    def reply(self):
        if self.transition is not None:
            problem = self.unavailable()
            if problem is not None:
                self.request.response.setStatus(400)
                return {"error": {"type": "WorkflowException", "message": translate(problem, context=self.request)}}
        return super().reply()

    def unavailable(self):
        review_state = self.wftool.getInfoFor(self.context, "review_state")
        for workflow in self.wftool.getWorkflowsFor(self.context):
            state = workflow.states.get(review_state)
            if state is None or self.transition in state.transitions:
                return None
            return _(
                "error_transition_not_from_state",
                default="'${transition}' is not possible from the state '${state}'. Possible: ${allowed}.",
                mapping={"transition": self.transition, "state": review_state, "allowed": ", ".join(state.transitions) or "-"},
            )
        return None

    def is_same_state(self, obj):
        return False
