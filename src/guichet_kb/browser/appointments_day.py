"""Classic UI « Rendez-vous du jour » (@@rendez-vous-du-jour, MANAGE_APPOINTMENTS): the
counters' day view for agents and desk managers.

One column per counter of the desk's agendas (appointments/day.py, the rows of GET
@agenda-day), the day's navigation (previous, today, next, a date), a desk chooser
(the desks with a published agenda), printable (browser/static/appointments_day.css).
The buttons « Arrivé », « Absent », « Terminé » are small POST forms with plone.protect's
token, so the page works without JavaScript; appointments_day.js sends them as
`POST @bookings/<code>/status` instead and redraws the row (keys 1, 2, 3 on a row).
The rules are appointments/marking.py's either way. No e-mail or phone is shown.
Desk managers and administrators (VIEW_DASHBOARD) also get the link « Exporter les
rendez-vous (CSV) »: GET @appointments-export of the shown month at the shown desk.
"""

from datetime import date
from datetime import timedelta
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.agenda_day.get import agenda_day_json
from guichet_kb.api.booking_status import mark
from guichet_kb.api.guard.dates import parse_date
from guichet_kb.api.guard.errors import Refused
from guichet_kb.appointments import day as day_view
from guichet_kb.appointments.errors import BookingRefused
from guichet_kb.appointments.marking import STATUS_TITLES
from guichet_kb.facts import BOOKING_MARKS
from guichet_kb.permissions import VIEW_DASHBOARD
import json
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate
from zope.security import checkPermission


MARKED = _("day_marked", default="${code}: ${status}.")
NOT_FOUND = _("error_booking_unknown", default="No booking with this code.")
BAD_DATE = _("error_agenda_day_date", default="'date' must be a date: YYYY-MM-DD.")


class DayPage(BrowserView):
    problem = None

    def __call__(self):
        if self.request.method == "POST":
            return self.post()
        self.day = self.chosen_day()
        self.desk = self.chosen_desk()
        return self.index()

    # -- choices
    def desks(self):
        """(UID, title) of the desks with a published agenda, by title."""
        from guichet_kb.appointments.agendas import agendas_for
        from guichet_kb.appointments.agendas import desk_of

        found = {}
        for agenda in agendas_for():
            desk = desk_of(agenda)
            if desk is not None:
                found[desk.UID()] = desk.Title()
        return sorted(found.items(), key=lambda item: item[1])

    def chosen_desk(self):
        desks = self.desks()
        wanted = self.request.form.get("desk")
        uids = [uid for uid, _title in desks]
        if isinstance(wanted, str) and wanted in uids:
            return wanted
        return uids[0] if uids else None

    def chosen_day(self):
        value = self.request.form.get("date")
        if not value:
            return clock.today()
        try:
            return parse_date(value, "date", BAD_DATE)
        except Refused as refused:
            self.problem = translate(refused.message, context=self.request)
            return clock.today()

    # -- data
    def data(self):
        if not hasattr(self, "_data"):
            self._data = None
            if self.desk is not None:
                from guichet_kb.appointments.agendas import agendas_for

                brain = api.content.find(UID=self.desk, portal_type="Desk")[0]
                columns = day_view.columns(agendas_for(desk_uid=self.desk), self.day, self.request)
                self._data = agenda_day_json(self.context, brain, self.day, columns, self.request)
        return self._data

    def url(self, day=None, desk=None):
        query = {"desk": desk or self.desk or "", "date": (day or self.day).isoformat()}
        return f"{self.context.absolute_url()}/@@rendez-vous-du-jour?{urlencode(query)}"

    def shift(self, days):
        return self.day + timedelta(days=days)

    def today_url(self):
        return f"{self.context.absolute_url()}/@@rendez-vous-du-jour?{urlencode({'desk': self.desk or ''})}"

    def export_url(self):
        """GET @appointments-export of the shown day's month at the shown desk, for those
        who may export (VIEW_DASHBOARD: desk managers, administrators), else None."""
        if not checkPermission(VIEW_DASHBOARD, self.context):
            return None
        first = self.day.replace(day=1)
        last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        query = {"from": first.isoformat(), "to": last.isoformat(), **({"desk": self.desk} if self.desk else {})}
        return f"{self.context.absolute_url()}/@appointments-export?{urlencode(query)}"

    def shown_day(self, iso=None):
        day = date.fromisoformat(iso) if iso else self.day
        from guichet_kb.content.vocabularies import WEEKDAY_TITLES
        from guichet_kb.facts import WEEKDAYS

        weekday = translate(WEEKDAY_TITLES[WEEKDAYS[day.weekday()]], context=self.request)
        return f"{weekday} {day.strftime('%d/%m/%Y')}"

    def marks(self, appointment):
        """The three buttons of a row: (status, title, key, allowed)."""
        found = []
        for i, status in enumerate(BOOKING_MARKS, 1):
            title = translate(STATUS_TITLES[status], context=self.request)
            found.append({"status": status, "title": title, "key": str(i), "allowed": status in appointment["marks"]})
        return found

    def config(self):
        titles = {status: translate(title, context=self.request) for status, title in STATUS_TITLES.items()}
        marked = translate(MARKED, context=self.request)
        return json.dumps({"portal": self.context.absolute_url(), "statuses": titles, "marked": marked}, ensure_ascii=False)

    def token(self):
        return self.context.restrictedTraverse("@@authenticator").token()

    # -- the no-JavaScript form
    def post(self):
        from guichet_kb.appointments import codes
        from guichet_kb.appointments import store

        CheckAuthenticator(self.request)
        form = self.request.form
        code, status = form.get("code"), form.get("status")
        code = codes.normalise(code) if isinstance(code, str) else None
        agenda, booking = store.find(code) if code else (None, None)
        if booking is None:
            api.portal.show_message(NOT_FOUND, self.request, type="error")
        else:
            try:
                booking = mark(agenda, booking, status, api.user.get_current().getId(), clock.now())
            except BookingRefused as refusal:
                api.portal.show_message(refusal.message, self.request, type="error")
            else:
                title = translate(STATUS_TITLES[booking.status], context=self.request)
                api.portal.show_message(_("day_marked", default="${code}: ${status}.", mapping={"code": booking.code, "status": title}), self.request)
        desk, day = form.get("desk"), form.get("date")
        query = urlencode({"desk": desk if isinstance(desk, str) else "", "date": day if isinstance(day, str) else ""})
        self.request.response.redirect(f"{self.context.absolute_url()}/@@rendez-vous-du-jour?{query}", status=303)
        return ""
