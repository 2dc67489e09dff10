"""Classic UI view of a desk: address, this week's hours and "open now".

The desk card (macros.pt) shows a desk's JSON shape (`guichet_kb.serializers.desk`,
the one `@desks` gives) with its times worded for the reader.
"""

from datetime import date
from datetime import datetime
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.content.vocabularies import WEEKDAY_TITLES
from guichet_kb.facts import WEEKDAYS
from guichet_kb.serializers.desk import desk_json
from plone import api
from Products.Five.browser import BrowserView
from zope.globalrequest import getRequest
from zope.i18n import translate


DAY_NAMES = dict(WEEKDAY_TITLES)


def _day_name(day):
    return translate(DAY_NAMES[day], context=getRequest())


def format_moment(moment):
    """'lundi 30/11 à 08:30' in the request language (weekday names translated)."""
    if moment is None:
        return None
    local = clock.local(moment)
    day = _day_name(WEEKDAYS[local.weekday()])
    return translate(
        _(
            "moment_format",
            default="${day} ${date} at ${time}",
            mapping={"day": day, "date": local.strftime("%d/%m"), "time": local.strftime("%H:%M")},
        ),  # noqa: E501
        context=getRequest(),
    )


class DeskDisplay:
    """What the desk card needs besides the desk's JSON: its times in words."""

    def moment(self, iso):
        """An ISO 8601 time of the desk's JSON as 'lundi 30/11 à 08:30'."""
        return format_moment(datetime.fromisoformat(iso)) if iso else None

    def week_rows(self, desk):
        """The desk's week, one row a day: day name, dd/mm, '08:30–12:00, 13:30–17:00'."""
        today = clock.today().isoformat()
        return [
            {
                "day": _day_name(day["day"]),
                "date": date.fromisoformat(day["date"]).strftime("%d/%m"),
                "ranges": ", ".join(f"{opens}–{closes}" for opens, closes in day["ranges"]),
                "exception": day["exception"],
                "today": day["date"] == today,
            }
            for day in desk["week"]
        ]


class DeskView(DeskDisplay, BrowserView):
    def summary(self):
        return desk_json(self.context, request=self.request)

    def organisation(self):
        """The organisation it belongs to, summarised, if the caller may see it (else None)."""
        return self.summary()["organisation"]

    def services(self):
        """Sheets whose démarche is done at this desk (catalog only, no object woken)."""
        return api.content.find(portal_type="ServiceSheet", desk_uids=self.context.UID(), sort_on="sortable_title")

    def queues(self):
        """Its walk-in queues (issue 19, queues/lines.py): brains, by title."""
        from guichet_kb.queues.lines import listed

        return [entry.brain for entry in listed(desk_uid=self.context.UID(), request=self.request)]

    def counter_screen_url(self):
        """The counters' screen of this desk (@@guichet-appel) for staff with MANAGE_QUEUES when it has a queue, else None."""
        from guichet_kb.permissions import MANAGE_QUEUES_TITLE
        from guichet_kb.queues.lines import listed
        from urllib.parse import urlencode

        if not api.user.has_permission(MANAGE_QUEUES_TITLE, obj=self.context) or not listed(desk_uid=self.context.UID(), request=self.request):
            return None
        return f"{api.portal.get().absolute_url()}/@@guichet-appel?{urlencode({'desk': self.context.UID()})}"
