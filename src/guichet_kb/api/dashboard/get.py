"""GET @dashboard[?period=…|from=…&to=…][&desk=…&channel=…&organisation=…&service=…][&panel=…][&format=csv]

The dashboard of the desk's managers (VIEW_DASHBOARD: DeskManager, Site
Administrator, Manager; 401 anonymous, 403 other staff): the period, the previous
period beside it, the filters, and the panels (dashboard/panels.py), all of them or
`?panel=<id>`; `?format=csv&panel=<id>` is that panel's rows as CSV. Staff data:
never cached (private, no-store). Reads only the daily aggregates; writes nothing.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.dashboard import csvexport
from guichet_kb.dashboard import filters
from guichet_kb.dashboard import panels
from guichet_kb.dashboard.period import value
from guichet_kb.permissions import VIEW_DASHBOARD


NO_STORE = "private, no-store"
FORMATS = ("json", "csv")


def period_json(start, end, unit=None, preset=None):
    found = {"start": start.isoformat(), "end": end.isoformat()}
    if unit is not None:
        found.update(unit=unit, preset=preset)
    return found


def dashboard_json(scope, found, url):
    return {
        "@id": url,
        "period": period_json(scope.start, scope.end, scope.unit, scope.preset),
        "previous": period_json(scope.previous_start, scope.previous_end),
        "filters": dict(scope.filters),
        "panels": found,
    }


class DashboardGet(GuichetService):
    permission = VIEW_DASHBOARD

    def reply(self):
        self.request.response.setHeader("Cache-Control", NO_STORE)
        form = self.request.form
        scope = filters.scope(form, self.context)
        fmt, only = value(form, "format") or "json", value(form, "panel")
        if fmt not in FORMATS:
            raise Refused(400, _("error_format", default="format must be csv or json."))
        if fmt == "csv" and only is None:
            raise Refused(400, _("error_dashboard_csv_panel", default="A CSV export is one panel's: add panel=<id>."))
        found = panels.build(scope, only)
        if fmt == "csv":
            return self.file_reply(csvexport.to_csv(found[0]), "text/csv; charset=utf-8", csvexport.filename(found[0], scope))
        return dashboard_json(scope, found, f"{self.context.absolute_url()}/@dashboard")
