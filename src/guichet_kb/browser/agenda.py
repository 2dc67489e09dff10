"""Classic UI view of an agenda: its configuration as editors and reviewers read it
(the desk, appointment types with their service and duration, counters and the
types they serve, closures, lead times and limits), and whether it is bookable
(published, at a published desk: appointments/agendas.py). Related items
the caller may not see are left out (guichet_kb.visibility)."""

from guichet_kb import _
from guichet_kb.appointments.agendas import desk_of
from guichet_kb.appointments.agendas import listed
from guichet_kb.appointments.validation import counter_type_codes
from guichet_kb.visibility import visible_by_uid
from Products.Five.browser import BrowserView
from zope.i18n import translate


class AgendaView(BrowserView):
    def desk(self):
        return desk_of(self.context)

    def bookable(self):
        """Offered to callers now: published, at a published desk they may see."""
        uid = self.context.UID()
        return any(entry.brain.UID == uid for entry in listed(request=self.request))

    def types(self):
        rows = self.context.appointment_types or ()
        sheets = visible_by_uid([row.get("service") for row in rows])
        return [{"code": row["code"], "label": row["label"], "duration": row["duration"], "service": sheets.get(row.get("service"))} for row in rows]

    def counters(self):
        labels = {row["code"]: row["label"] for row in self.context.appointment_types or ()}
        every = translate(_("All appointment types"), context=self.request)
        return [
            {
                "code": row["code"],
                "label": row["label"],
                "types": ", ".join(f"{labels.get(code, code)} ({code})" for code in counter_type_codes(row.get("types"))) or every,
            }
            for row in self.context.counters or ()
        ]

    def closures(self):
        whole = translate(_("Whole day"), context=self.request)
        return [
            {
                "dates": row["start"].strftime("%d/%m/%Y")
                + (f" – {row['end'].strftime('%d/%m/%Y')}" if row.get("end") and row["end"] != row["start"] else ""),
                "times": f"{row['opens']}–{row['closes']}" if row.get("opens") else whole,
                "label": row.get("label") or "",
            }
            for row in self.context.closures or ()
        ]

    def no_cap(self):
        return translate(_("No cap"), context=self.request)
