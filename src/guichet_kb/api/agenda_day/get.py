"""GET @agenda-day?desk=UID[&date=YYYY-MM-DD][&counter=code]: the counters' day view.

Staff with MANAGE_APPOINTMENTS (agents, desk managers, administrators; 401 anonymous,
403 other staff). The desk's published agendas, one column per counter
(appointments/day.py): each appointment's time, type, sheet, code, name, status,
channel and the marks allowed now; never an e-mail address or a phone number. `date`
defaults to today; `counter` keeps one counter's column. Staff data: never cached
(private, no-store). Writes nothing.
"""

from datetime import timedelta
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.agent import AgentService
from guichet_kb.api.guard.dates import parse_date
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.params import refuse_unknown
from guichet_kb.api.guard.params import single
from guichet_kb.appointments import day as day_view
from guichet_kb.permissions import MANAGE_APPOINTMENTS
from guichet_kb.visibility import visible_brains
from urllib.parse import urlencode


NO_STORE = "private, no-store"
PARAMETERS = ("desk", "date", "counter")


def day_of(form):
    value = single(form, "date")
    if value is None:
        return clock.today()
    return parse_date(value, "date", _("error_agenda_day_date", default="'date' must be a date: YYYY-MM-DD."))


def agenda_day_json(portal, desk, day, counters, request):
    """The answer of @agenda-day (also what the Classic UI page renders)."""
    query = {"desk": desk.UID, "date": day.isoformat()}
    return {
        "@id": f"{portal.absolute_url()}/@agenda-day?{urlencode(query)}",
        "date": day.isoformat(),
        "previous": (day - timedelta(days=1)).isoformat(),
        "next": (day + timedelta(days=1)).isoformat(),
        "desk": {"uid": desk.UID, "title": desk.Title, "url": desk.getURL()},
        "counters": counters,
        "items_total": sum(len(column["appointments"]) for column in counters),
    }


def visible_desk(uid):
    """The brain of the published desk with this UID that the caller may see (its
    effective window too), else 400: one message whether it is unknown, unpublished,
    out of its window or of another type."""
    brain = visible_brains([uid]).get(uid)
    if brain is None or brain.portal_type != "Desk" or brain.review_state != "published":
        raise Refused(400, _("error_interaction_desk", default="'desk' must be the UID of a published desk (guichets)."))
    return brain


class AgendaDayGet(AgentService):
    permission = MANAGE_APPOINTMENTS

    def reply(self):
        from guichet_kb.appointments.agendas import agendas_for

        self.request.response.setHeader("Cache-Control", NO_STORE)
        form = self.request.form
        refuse_unknown(form, PARAMETERS)
        uid = single(form, "desk")
        if uid is None:
            raise Refused(400, _("error_agenda_day_desk", default="Give 'desk': the UID of a published desk (guichets)."))
        desk = visible_desk(uid)
        day = day_of(form)
        counter = single(form, "counter")
        counters = day_view.columns(agendas_for(desk_uid=desk.UID), day, self.request, counter)
        if counter is not None and not counters:
            raise Refused(400, _("error_agenda_day_counter", default="This desk has no counter with this code."))
        return agenda_day_json(self.context, desk, day, counters, self.request)
