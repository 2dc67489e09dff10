"""The kiosk page of a queue (« borne », @@borne, issue 19): the desk's touch screen
where a walk-in citizen takes a ticket.

For who may take tickets (TAKE_TICKETS: the desk's kiosk account, role Kiosk, and
staff). One big button per service of the queue (« Prendre un ticket — Carte
d'identité »), all in one plain form POSTed with its CSRF token: it works without
JavaScript. The ticket is taken by the core (`queues.taking.take_ticket`, channel
"kiosk", not rate-limited: the kiosk is one client for many citizens), then shown very
large: its number, its position and the estimated wait (the core's forecast of the
desk's queues, `queues.state.DeskForecast`); the page goes back
to the buttons after facts.KIOSK_RESET_SECONDS (static/kiosk.js; without JavaScript, a
meta refresh in <noscript>: axe-core flags a timed refresh the scripts would not let it
see) or at « Nouveau ticket ». A refusal (closed, full, too late, unknown service, a bad e-mail
address) is shown in French with its status.

Personal data: the optional e-mail address, for the "your turn is near" notice, is
handed to the core with the ticket (kept on it until the ticket ends: queues/__init__.py
says where and how long) and never shown again: the page after the POST names the
ticket's number, not the address, and the form comes back empty.
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.facts import KIOSK_RESET_SECONDS
from guichet_kb.interactions.screen import is_email
from guichet_kb.queues.lines import desk_of
from guichet_kb.queues.lines import desk_rules_of
from guichet_kb.queues.lines import listed
from guichet_kb.queues.lines import rules_of
from guichet_kb.visibility import visible_by_uid
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


NOT_LISTED = _("error_kiosk_not_listed", default="This queue takes no tickets: a queue takes them once published, at a published desk.")
BAD_SERVICE = _("error_kiosk_service", default="Choose one of the services shown.")
BAD_EMAIL = _("error_bad_email", default="This is not an e-mail address.")


class KioskRefused(Exception):
    """A refusal of the page itself (before the core is asked): status and message."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


class KioskView(BrowserView):
    template = ViewPageTemplateFile("templates/kiosk.pt")
    reset_seconds = KIOSK_RESET_SECONDS

    def __call__(self):
        self.ticket, self.estimate, self.problem = None, {}, None
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self._take()
        return self.template()

    def listed(self):
        """Taking tickets: published, at a published desk the caller may see."""
        uid = self.context.UID()
        return any(entry.brain.UID == uid for entry in listed(request=self.request))

    def desk(self):
        return desk_of(self.context)

    def services(self):
        """[{"uid", "title", "prefix"}] of the queue's services the caller may see, in its order."""
        rows = self.context.services or ()
        sheets = visible_by_uid([row.get("service") for row in rows])
        return [
            {"uid": row["service"], "title": sheets[row["service"]].Title(), "prefix": row["prefix"]}
            for row in rows
            if row.get("service") in sheets and sheets[row["service"]].portal_type == "ServiceSheet"
        ]

    def button_label(self, service):
        return translate(_("kiosk_take", default="Take a ticket — ${service}", mapping={"service": service["title"]}), context=self.request)

    def _checked(self):
        """(rules, prefix, email) of the POSTed form, else KioskRefused."""
        if not self.listed():
            raise KioskRefused(409, NOT_LISTED)
        form = self.request.form
        uid = form.get("service")
        if not isinstance(uid, str) or uid not in {service["uid"] for service in self.services()}:
            raise KioskRefused(400, BAD_SERVICE)
        email = form.get("email")
        email = email.strip() if isinstance(email, str) else ""
        if email and not is_email(email):
            raise KioskRefused(400, BAD_EMAIL)
        rules = rules_of(self.context)
        return rules, rules.prefix_of(uid), email or None

    def _take(self):
        from guichet_kb.queues.errors import QueueRefused
        from guichet_kb.queues.estimate import wait_minutes
        from guichet_kb.queues.state import DeskForecast
        from guichet_kb.queues.taking import take_ticket
        from guichet_kb.queues.ticket import Contact

        self.request.response.setHeader("Cache-Control", "no-store")
        try:
            rules, prefix, email = self._checked()
            schedule, now, desk_rules = self.desk().schedule(), clock.now(), desk_rules_of(rules.desk)
            agent = api.user.get_current().getId()
            self.ticket = take_ticket(rules, desk_rules, schedule, prefix, Contact(email=email), "kiosk", agent=agent, now=now)
        except (KioskRefused, QueueRefused) as refusal:
            self.request.response.setStatus(refusal.status)
            self.problem = translate(refusal.message, context=self.request)
            return
        expected = DeskForecast(rules.desk, desk_rules, schedule, now).of(self.ticket)
        if expected is not None:
            self.estimate = {"position": expected.position, "wait_minutes": wait_minutes(expected.call_at, now)}

    def wait_text(self):
        """« environ 12 min », or that the estimate comes once counters are open."""
        minutes = self.estimate.get("wait_minutes")
        if minutes is None:
            return translate(_("kiosk_wait_unknown", default="shown on the screen once a counter is open"), context=self.request)
        if minutes == 0:
            return translate(_("kiosk_wait_now", default="your turn is about to come"), context=self.request)
        return translate(_("kiosk_wait_minutes", default="about ${minutes} min", mapping={"minutes": minutes}), context=self.request)

    def notice_text(self):
        """What the e-mail will say, when one was given (the address itself is not repeated)."""
        if self.ticket is None or not self.ticket.email:
            return None
        minutes = rules_of(self.context).notify_minutes
        return translate(
            _("kiosk_notice", default="You will be told by e-mail about ${minutes} minutes before your turn.", mapping={"minutes": minutes}),
            context=self.request,
        )

    def reset_url(self):
        return f"{self.context.absolute_url()}/@@borne"

    def refresh(self):
        """The meta refresh back to the buttons, once a ticket is shown (without JavaScript)."""
        return f"{self.reset_seconds};url={self.reset_url()}"
