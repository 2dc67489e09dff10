"""@@tableau-de-bord: the user-relationship dashboard in Classic UI (VIEW_DASHBOARD).

The same panels as GET @dashboard (dashboard/panels.py), from the same GET
parameters: a form that works without JavaScript (period presets, dates, filters
as selects of published desks, organisations, sheets and answers, and channels),
the figures at a glance, then each panel as an <h2>, a server-rendered SVG chart
(dashboard/svg.py) and the same rows in an accessible table, with its CSV link
(GET @dashboard?format=csv&panel=…). Bad parameters show the REST API's French
message above the form (status 400) and the default period. Never cached.
"""

from guichet_kb import _
from guichet_kb import facts
from guichet_kb.api.guard.errors import Refused
from guichet_kb.dashboard import filters
from guichet_kb.dashboard import labels
from guichet_kb.dashboard import panels
from guichet_kb.dashboard import period
from guichet_kb.dashboard import svg
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


NO_STORE = "private, no-store"
IGNORED = ("_authenticator",)  # plone.protect adds its token to every form of the page, GET ones too
PRESET_TITLES = {
    "last_month": _("dashboard_last_month", default="Last month"),
    "this_month": _("dashboard_this_month", default="This month"),
    "last_7_days": _("dashboard_last_7_days", default="Last 7 days"),
    "last_30_days": _("dashboard_last_30_days", default="Last 30 days"),
    "last_12_months": _("dashboard_last_12_months", default="Last 12 months"),
}
FILTER_TITLES = {
    "desk": _("dashboard_filter_desk", default="Desk"),
    "channel": _("dashboard_filter_channel", default="Channel"),
    "organisation": _("dashboard_filter_organisation", default="Redirected to (organisation)"),
    "service": _("dashboard_filter_service", default="Service (sheet or answer)"),
}
DESCRIPTION = _("dashboard_chart_desc", default="Chart of the figures given in the table below.")


class DashboardPage(BrowserView):
    error = None
    FILTER_TITLES = FILTER_TITLES

    def __call__(self):
        self.request.response.setHeader("Cache-Control", NO_STORE)
        form = {name: given for name, given in self.request.form.items() if name not in IGNORED}
        try:
            self.scope = filters.scope(form, self.context)
        except Refused as refused:
            self.error = translate(refused.message, context=self.request)
            self.request.response.setStatus(400)
            self.scope = filters.scope({}, self.context)
        self.panels = panels.build(self.scope)
        return self.index()

    def text(self, message):
        return translate(message, context=self.request)

    def query(self, **extra):
        """The URL query of this scope (the form's values), plus `extra`."""
        scope, given = self.scope, {}
        if self.error is None and not self.request.form.get("from"):
            given["period"] = scope.preset
        elif self.error is None:
            given.update({"from": scope.start.isoformat(), "to": scope.end.isoformat()})
        given.update(scope.filters)
        given.update(extra)
        return urlencode(given)

    def csv_url(self, panel):
        return f"{api.portal.get().absolute_url()}/++api++/@dashboard?{self.query(panel=panel['id'], format='csv')}"

    def chart(self, panel):
        return svg.render(panel, f"chart-{panel['id']}", self.text(DESCRIPTION))

    def glance(self):
        """Total, previous total, change and not answered: read from the panels' rows."""
        found = {panel["id"]: panel for panel in self.panels}
        total = found["channels"]["rows"][0]
        return {**total, "not_answered": sum(row["not_answered"] for row in found["trend"]["rows"])}

    def presets(self):
        chosen = self.scope.preset if self.error is None and not self.request.form.get("from") else ""
        return [{"id": "", "title": self.text(_("dashboard_dates_below", default="Dates below")), "selected": chosen == ""}] + [
            {"id": preset, "title": self.text(PRESET_TITLES[preset]), "selected": preset == chosen} for preset in facts.DASHBOARD_PERIODS
        ]

    def options(self, name):
        """The choices of a filter's select: (value, title, selected), "all" first."""
        if name == "channel":
            found = [(token, labels.channel(token, self.request)) for token in facts.CALL_CHANNELS]
        else:
            types = filters.TYPES[name]
            brains = api.content.find(portal_type=list(types), review_state="published", sort_on="sortable_title")
            found = [(brain.UID, brain.Title) for brain in brains]
        chosen = self.scope.filters.get(name, "")
        every = self.text(_("dashboard_all", default="All"))
        return [{"value": "", "title": every, "selected": not chosen}] + [
            {"value": value, "title": title, "selected": value == chosen} for value, title in found
        ]

    def period_label(self):
        return f"{self.scope.start.isoformat()} – {self.scope.end.isoformat()}"

    def previous_label(self):
        return f"{self.scope.previous_start.isoformat()} – {self.scope.previous_end.isoformat()}"

    def earliest(self):
        return period.EARLIEST.isoformat()

    def cell(self, value):
        return "–" if value is None else value
