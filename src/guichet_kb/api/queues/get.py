"""GET @queues[?desk=UID][&service=UID] and GET @queues/<uid>: the queues and their figures.

Anonymous. The queues listed (queues/lines.py: a queue and its desk published and
visible to the caller), at ``desk`` and/or serving ``service``, by desk title then title:
{"items": [Queue JSON]} (queues/describe.py: numbers only, never a contact nor a ticket's
code). ``@queues/<uid>`` is one queue's JSON (404 for a queue unknown or not listed: one
message). Every parameter is checked: an unknown or repeated one, a desk or a sheet
that does not exist or that the caller may not see — 400 with one message for
"unknown" and "not visible". Reads only.

Caching: anonymous answers say ``Cache-Control: public, max-age=5`` (facts.QUEUES_MAX_AGE:
the hall display and the phones refresh; the live tracking pages are pushed by the
public site), staff ones ``private, no-cache``.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.params import refuse_unknown
from guichet_kb.api.guard.params import single
from guichet_kb.api.guard.service import PathService
from guichet_kb.facts import QUEUES_MAX_AGE
from guichet_kb.queues.describe import Live
from guichet_kb.queues.describe import queue_json
from guichet_kb.visibility import visible_by_uid


PARAMETERS = ("desk", "service")
MESSAGES = {
    "desk": _("error_queues_desk", default="'desk' must be the UID of a published desk."),
    "service": _("error_queues_service", default="'service' must be the UID of a published service sheet."),
}
TYPES = {"desk": "Desk", "service": "ServiceSheet"}
NO_QUEUE = _("error_queue_unknown", default="No open queue has this UID.")


def checked(form):
    """{name: UID} of the filters given, each a visible item of its type, else 400."""
    refuse_unknown(form, PARAMETERS)
    values = {name: single(form, name) for name in PARAMETERS}
    values = {name: value for name, value in values.items() if value is not None}
    seen = visible_by_uid([value for value in values.values() if isinstance(value, str) and value])
    for name, value in values.items():
        item = seen.get(value) if isinstance(value, str) and value else None
        if item is None or item.portal_type != TYPES[name]:
            raise Refused(400, MESSAGES[name])
    return values


class QueuesGet(PathService):
    def reply(self):
        from guichet_kb.queues.lines import queues_for

        if self.params:
            return self.one()
        values = checked(self.request.form)
        found = queues_for(service_uid=values.get("service"), desk_uid=values.get("desk"))
        self.short_cache(QUEUES_MAX_AGE)
        live = Live()
        return {"items": [queue_json(queue, live) for queue in found]}

    def one(self):
        from guichet_kb.queues.lines import queues_for

        refuse_unknown(self.request.form, ())
        uid = self.params[0] if len(self.params) == 1 else None
        queue = next((queue for queue in queues_for() if queue.UID() == uid), None)
        if queue is None:
            raise Refused(404, NO_QUEUE)
        self.short_cache(QUEUES_MAX_AGE)
        return queue_json(queue)
