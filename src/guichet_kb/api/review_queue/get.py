"""GET @review-queue: what needs a reviewer (same entries as the dashboard)."""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import GuichetService
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
        items = queue.entries(tuple(wanted))
        return {"@id": f"{self.context.absolute_url()}/@review-queue", "items": items, "items_total": len(items)}
