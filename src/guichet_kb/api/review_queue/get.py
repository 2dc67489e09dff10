"""GET @review-queue?reason=&department=: what needs a reviewer (same entries as the
dashboard), of one responsible department when asked."""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.triage.routing import department_uid_known
from guichet_kb.workflow import queue


class ReviewQueueGet(GuichetService):
    def reply(self):
        reasons = self.request.form.get("reason")
        if reasons:
            wanted = set(reasons if isinstance(reasons, list) else [reasons])
            unknown = wanted - set(queue.REASONS)
            if unknown:
                message = _(
                    "error_unknown_reason",
                    default="Unknown reason(s): ${reasons}. Allowed: ${allowed}.",
                    mapping={"reasons": ", ".join(sorted(unknown)), "allowed": ", ".join(queue.REASONS)},
                )
                raise Refused(400, message)
        else:
            wanted = set(queue.REASONS)
        department = self.request.form.get("department")
        if department is not None and (not isinstance(department, str) or not department_uid_known(self.context, department)):
            raise Refused(400, _("error_unknown_department", default="'department' must be the UID of a department (services)."))
        items = queue.entries(tuple(wanted), department=department)
        return {"@id": f"{self.context.absolute_url()}/@review-queue", "items": items, "items_total": len(items)}
