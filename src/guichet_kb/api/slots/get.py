"""GET @slots?service=UID[&desk=UID][&type=code][&from=YYYY-MM-DD][&days=N]: free slots.

Anonymous. For each published agenda the caller may see that serves the sheet (and
sits at ``desk``): its types for that sheet (or ``type`` only), the next free slots
from now (5) and the free slots of each day of [from, from + days - 1] (days 1..62,
default 14; from: today by default). Every parameter is checked: a malformed or
repeated one, an unknown one, a service, desk or type that does not exist or that the
caller may not see — 400 with one message for "unknown" and "not visible". Reads only.

Caching: anonymous answers say ``Cache-Control: public, max-age=30`` (facts.SLOTS_MAX_AGE),
staff ones ``private, no-cache``. Not the catalogue's ruleset (api/caching.py), whose
ETag follows the catalog's counter, which a booking does not move. The trade-off: a
slot taken in the last 30 seconds may still be offered; booking it then answers 409
with the next free slots, and no slot is ever given twice (appointments/store.py).
"""

from datetime import timedelta
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.guard.dates import parse_date
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.params import refuse_unknown
from guichet_kb.api.guard.params import single
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.appointments.describe import desk_json
from guichet_kb.appointments.describe import service_json
from guichet_kb.appointments.describe import slot_json
from guichet_kb.appointments.offer import offer
from guichet_kb.facts import SLOTS_DEFAULT_DAYS
from guichet_kb.facts import SLOTS_MAX_AGE
from guichet_kb.facts import SLOTS_MAX_DAYS
from guichet_kb.visibility import visible_by_uid


PARAMETERS = ("service", "desk", "type", "from", "days")


def _visible(uid, portal_type, message):
    item = visible_by_uid([uid]).get(uid) if isinstance(uid, str) and uid else None
    if item is None or item.portal_type != portal_type:
        raise Refused(400, message)
    return item


def _days(value):
    if value is None:
        return SLOTS_DEFAULT_DAYS
    if not (isinstance(value, str) and value.isdigit() and 1 <= int(value) <= SLOTS_MAX_DAYS):
        raise Refused(400, _("error_slots_days", default="'days' must be a whole number from 1 to ${max}.", mapping={"max": SLOTS_MAX_DAYS}))
    return int(value)


class SlotsGet(GuichetService):
    def reply(self):
        form = self.request.form
        refuse_unknown(form, PARAMETERS)
        values = {name: single(form, name) for name in PARAMETERS}
        sheet = _visible(
            values["service"], "ServiceSheet", _("error_slots_service", default="'service' must be the UID of a published service sheet.")
        )
        desk = None
        if values["desk"] is not None:
            desk = _visible(values["desk"], "Desk", _("error_slots_desk", default="'desk' must be the UID of a published desk."))
        first = clock.today()
        if values["from"] is not None:
            first = parse_date(values["from"], "from", _("error_slots_from", default="'from' must be a date YYYY-MM-DD."))
        last = first + timedelta(days=_days(values["days"]) - 1)
        agendas = offer(sheet, desk, values["type"], first, last, clock.now())
        if values["type"] is not None and not any(agenda["types"] for agenda in agendas):
            raise Refused(400, _("error_slots_type", default="'type' must be the code of an appointment type offered for this service."))
        self.short_cache(SLOTS_MAX_AGE)
        return {
            "service": service_json(sheet),
            "from": first.isoformat(),
            "to": last.isoformat(),
            "agendas": [
                {
                    "uid": agenda["agenda"].UID(),
                    "title": agenda["agenda"].Title(),
                    "desk": desk_json(agenda["desk"]),
                    "types": [{"code": kind.code, "label": kind.label, "duration": kind.duration} for kind in agenda["types"]],
                    "next": [slot_json(slot) for slot in agenda["next"]],
                    "days": [{"date": day.isoformat(), "slots": [slot_json(slot) for slot in slots]} for day, slots in agenda["days"]],
                }
                for agenda in agendas
                if agenda["types"]
            ],
        }
