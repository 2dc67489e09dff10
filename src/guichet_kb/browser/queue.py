"""Classic UI view of a queue: its configuration as editors and reviewers read it
(the desk, the services with their prefix and service time, the counters and the
prefixes they serve, the campaign, grace and notice delay), and whether it takes
tickets (published, at a published desk: queues/lines.py), with the link to its
kiosk page for who may take tickets. Related items the caller may not see are left
out (guichet_kb.visibility)."""

from guichet_kb import _
from guichet_kb.permissions import TAKE_TICKETS_TITLE
from guichet_kb.queues.lines import desk_of
from guichet_kb.queues.lines import listed
from guichet_kb.queues.lines import site_notify_minutes
from guichet_kb.queues.validation import counter_prefixes
from guichet_kb.visibility import visible_by_uid
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate


class QueueView(BrowserView):
    def desk(self):
        return desk_of(self.context)

    def listed(self):
        """Offered to callers now: published, at a published desk they may see."""
        uid = self.context.UID()
        return any(entry.brain.UID == uid for entry in listed(request=self.request))

    def may_take(self):
        """Whether the caller may take tickets (the kiosk page's link)."""
        return bool(api.user.has_permission(TAKE_TICKETS_TITLE, obj=self.context))

    def services(self):
        rows = self.context.services or ()
        sheets = visible_by_uid([row.get("service") for row in rows])
        return [{"prefix": row["prefix"], "minutes": row["minutes"], "service": sheets.get(row.get("service"))} for row in rows]

    def counters(self):
        every = translate(_("All services"), context=self.request)
        return [
            {"code": row["code"], "label": row["label"], "prefixes": ", ".join(counter_prefixes(row.get("prefixes"))) or every}
            for row in self.context.counters or ()
        ]

    def _day(self, value):
        return value.strftime("%d/%m/%Y") if value else "—"

    def campaign(self):
        """The campaign's dates ("—" when open-ended), the cap and the delays as shown."""
        context = self.context
        notify = context.notify_minutes or 0
        return {
            "opens_on": self._day(context.opens_on),
            "closes_on": self._day(context.closes_on),
            "capacity": context.daily_capacity or translate(_("No cap"), context=self.request),
            "grace": context.grace_minutes,
            "notify": notify
            or translate(
                _("queue_notify_site", default="${minutes} (the site's setting)", mapping={"minutes": site_notify_minutes()}), context=self.request
            ),
        }
