"""GET @appointments-export?from=YYYY-MM-DD&to=YYYY-MM-DD[&desk=UID][&format=csv|json]

The desk managers' export of appointments (VIEW_DASHBOARD: DeskManager, Site
Administrator, Manager; 401 anonymous, 403 other staff): one row per booking whose
appointment starts between `from` and `to` (both included, at most
facts.APPOINTMENT_EXPORT_MAX_DAYS days), cancelled ones too, at the desk `desk` if
given (a published desk the caller may see, else 400). Never a name, an e-mail address,
a phone number, a booking code nor an agent's id (appointments/export.py). CSV (the
default): UTF-8 with a byte order mark, `;`-separated, cells neutralised against formula
injection (dashboard/csvexport.py), a download `rendez-vous-<from>-<to>.csv`. Staff data:
never cached (private, no-store). Writes nothing.
"""

from datetime import timedelta
from guichet_kb import _
from guichet_kb.api.agenda_day.get import visible_desk
from guichet_kb.api.guard.dates import parse_date
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.params import refuse_unknown
from guichet_kb.api.guard.params import single
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.appointments import export
from guichet_kb.dashboard import csvexport
from guichet_kb.facts import APPOINTMENT_EXPORT_DELIMITER
from guichet_kb.facts import APPOINTMENT_EXPORT_MAX_DAYS
from guichet_kb.permissions import VIEW_DASHBOARD
from urllib.parse import urlencode


NO_STORE = "private, no-store"
PARAMETERS = ("from", "to", "desk", "format")
FORMATS = ("csv", "json")


def period(form):
    """(first, last) local days, both given, in order, at most the longest period."""
    first, last = single(form, "from"), single(form, "to")
    if first is None or last is None:
        raise Refused(400, _("error_appointments_export_period", default="Give the period: from=YYYY-MM-DD and to=YYYY-MM-DD."))
    first = parse_date(first, "from", _("error_appointments_export_from", default="'from' must be a date: YYYY-MM-DD."))
    last = parse_date(last, "to", _("error_appointments_export_to", default="'to' must be a date: YYYY-MM-DD."))
    if last < first:
        raise Refused(400, _("error_appointments_export_order", default="'to' must not be before 'from'."))
    if last - first >= timedelta(days=APPOINTMENT_EXPORT_MAX_DAYS):
        raise Refused(
            400,
            _(
                "error_appointments_export_too_long",
                default="An export covers at most ${days} days.",
                mapping={"days": str(APPOINTMENT_EXPORT_MAX_DAYS)},
            ),
        )
    return first, last


class AppointmentsExportGet(GuichetService):
    permission = VIEW_DASHBOARD

    def reply(self):
        self.request.response.setHeader("Cache-Control", NO_STORE)
        form = self.request.form
        refuse_unknown(form, PARAMETERS)
        fmt = single(form, "format") or "csv"
        if fmt not in FORMATS:
            raise Refused(400, _("error_format", default="format must be csv or json."))
        first, last = period(form)
        desk = single(form, "desk")
        desk = visible_desk(desk).UID if desk is not None else None
        rows = export.rows(first, last, self.request, desk)
        columns = export.columns(self.request)
        if fmt == "csv":
            text = csvexport.table(
                [column["title"] for column in columns],
                ([row[column["id"]] for column in columns] for row in rows),
                delimiter=APPOINTMENT_EXPORT_DELIMITER,
                bom=True,
            )
            return self.file_reply(text, "text/csv; charset=utf-8", export.filename(first, last))
        query = {"from": first.isoformat(), "to": last.isoformat(), **({"desk": desk} if desk else {}), "format": "json"}
        return {
            "@id": f"{self.context.absolute_url()}/@appointments-export?{urlencode(query)}",
            "from": first.isoformat(),
            "to": last.isoformat(),
            "desk": desk,
            "columns": columns,
            "items": rows,
            "items_total": len(rows),
        }
