"""GET @feedback?status=&department=&kind=: the triage items (citizens' feedback,
agents' reports), newest first, for triagers (TRIAGE_FEEDBACK: 401 anonymous, 403
without it). Reads only."""

from guichet_kb import _
from guichet_kb import facts
from guichet_kb.api.agent import AgentService
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.params import single
from guichet_kb.permissions import TRIAGE_FEEDBACK
from guichet_kb.triage import items
from guichet_kb.triage.routing import department_uid_known


def filters(context, form):
    """(status, department, kind) of a listing's parameters, checked: a bad one -> 400."""
    found = {}
    for name, allowed in (("status", facts.TRIAGE_STATUSES), ("kind", facts.TRIAGE_KINDS)):
        value = single(form, name) or None
        if value is not None and value not in allowed:
            raise Refused(
                400, _("error_bad_choice", default="'${name}' must be one of: ${allowed}.", mapping={"name": name, "allowed": ", ".join(allowed)})
            )
        found[name] = value
    department = single(form, "department") or None
    if department is not None and not department_uid_known(context, department):
        raise Refused(400, _("error_unknown_department", default="'department' must be the UID of a department (services)."))
    return found["status"], department, found["kind"]


class FeedbackGet(AgentService):
    permission = TRIAGE_FEEDBACK

    def reply(self):
        status, department, kind = filters(self.context, self.request.form)
        found = items.listing(status=status, department=department, kind=kind)
        return {"@id": f"{self.context.absolute_url()}/@feedback", "items": found, "items_total": len(found)}
