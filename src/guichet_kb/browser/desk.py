"""Classic UI view of a desk: address, this week's hours and "open now"."""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.facts import WEEKDAYS
from plone import api
from plone.base.utils import safe_text
from Products.Five.browser import BrowserView
from zope.globalrequest import getRequest
from zope.i18n import translate


def _day_name(day):
    return translate(_(day, default=day.capitalize()), context=getRequest())


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


def desk_address(desk):
    return ", ".join(p for p in (desk.street, " ".join(filter(None, (desk.postal_code, desk.city)))) if p)


def desk_summary(desk, when=None):
    """What a sheet or a desk page shows of a desk."""
    schedule = desk.schedule()
    status = schedule.status(when)
    today = clock.local(when).date()
    return {
        "title": safe_text(desk.Title()),
        "url": desk.absolute_url(),
        "address": desk_address(desk),
        "phone": desk.phone,
        "email": desk.email,
        "appointment_url": desk.appointment_url,
        "open_now": status["open_now"],
        "closes_at": format_moment(status["closes_at"]),
        "next_opening": format_moment(status["next_opening"]),
        "week": [
            {
                "day": _day_name(day["day"]),
                "date": day["date"].strftime("%d/%m"),
                "ranges": ", ".join(f"{o:%H:%M}–{c:%H:%M}" for o, c in day["ranges"]),
                "exception": day["exception"],
                "today": day["date"] == today,
            }
            for day in schedule.week(when)
        ],
    }


class DeskView(BrowserView):
    def summary(self):
        return desk_summary(self.context)

    def services(self):
        """Sheets whose démarche is done at this desk (catalog only, no object woken)."""
        return api.content.find(portal_type="ServiceSheet", desk_uids=self.context.UID(), sort_on="sortable_title")
