"""POST @workflow for catalogue items, without forgiving refused self-transitions."""
from plone.restapi.services.workflow.transition import WorkflowTransition as BaseWorkflowTransition


class WorkflowTransition(BaseWorkflowTransition):
    def is_same_state(self, obj):
        # plone.restapi turns a refused transition into a success when the item is
        # already in its target state. For confirm_review (published -> published)
        # that would hide a refusal: a transition leaving the current state that
        # failed is a real error.
        review_state = self.wftool.getInfoFor(obj, "review_state")
        for workflow in self.wftool.getWorkflowsFor(obj):
            state = workflow.states.get(review_state)
            if state is not None and self.transition in state.transitions:
                return False
        return super().is_same_state(obj)
