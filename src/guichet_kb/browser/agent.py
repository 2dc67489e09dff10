"""@@agent: the agents' answer console (Classic UI page fed by the REST API).

The page renders the channels (guichet_kb.facts CALL_CHANNELS, in order) and the
published desks for « Mon guichet »; the script reads them from the page. The
browser keeps the chosen channel and desk UID (localStorage), nothing else."""

from guichet_kb import _
from guichet_kb import facts
from guichet_kb.interactions.store import CHANNEL_TITLES
from guichet_kb.interactions.store import OUTCOME_TITLES
from guichet_kb.interactions.store import REPORT_KIND_TITLES
from guichet_kb.permissions import MANAGE_APPOINTMENTS_TITLE
from guichet_kb.permissions import MANAGE_QUEUES_TITLE
import json
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate


# Strings the script shows, translated here so the console speaks the site's language.
MESSAGES = {
    "no_results": _("agent_no_results", default="No answer found. Try other words, or log the call as not answered."),
    "error": _("agent_error", default="Error"),
    "open_now": _("agent_open_now", default="Open now"),
    "closed": _("agent_closed", default="Closed"),
    "next_opening": _("agent_next_opening", default="Next opening:"),
    "copied": _("agent_copied", default="Checklist copied to the clipboard."),
    "sent": _("agent_sent", default="Checklist sent. The address has not been kept."),
    "logged": _("agent_logged", default="Call logged:"),
    "reported": _("agent_reported", default="Thank you: the report was sent to the reviewers."),
    "cost": _("agent_cost", default="Cost"),
    "free": _("agent_free", default="free"),
    "delay": _("agent_delay", default="Processing time"),
    "online": _("agent_online", default="Online service"),
    "say": _("agent_say", default="What to say"),
    "ask": _("agent_ask", default="What to ask"),
    "documents": _("agent_documents", default="Documents to bring"),
    "no_documents": _("agent_no_documents", default="No document to bring."),
    "desks": _("agent_desks", default="Where to go"),
    "related": _("agent_related", default="Related answers"),
    "answer": _("agent_answer", default="Answer"),
    "log_about": _("agent_log_about", default="About:"),
    "log_no_service": _("agent_log_no_service", default='No sheet open: only "could not answer" can be logged.'),
    # Service notices (issue 16), first on the card.
    "notice_suspended": _("agent_notice_suspended", default="Service suspended"),
    "notice_disrupted": _("agent_notice_disrupted", default="Service disrupted"),
    "notice_until": _("agent_notice_until", default="until"),
    # Competent bodies and orientation (issue 16, agent_orient.js).
    "handled_by": _("agent_handled_by", default="Handled by:"),
    "phone": _("agent_contact_phone", default="Phone"),
    "staff_phone": _("agent_contact_staff_phone", default="Direct line (transfers)"),
    "email": _("agent_contact_email", default="E-mail"),
    "website": _("agent_contact_website", default="Website"),
    "online_contact": _("agent_contact_online", default="Online contact"),
    "orient_button": _("agent_orient_button", default="Orient the call here"),
    "orient_hint": _("agent_orient_hint", default="Key o then the body's digit: orient the call there."),
    "orient_prompt": _("agent_orient_prompt", default="Orient the call to:"),
    "orient_keys": _("agent_orient_keys", default="press its digit, Escape to cancel."),
    "orient_cancelled": _("agent_orient_cancelled", default="Orientation cancelled."),
    "oriented": _("agent_oriented", default="Call logged: redirected to"),
    "orient_read": _("agent_orient_read", default="To read out to the caller:"),
    "orient_mail": _("agent_orient_mail", default="Send it by e-mail with the checklist"),
    "sent_with_contact": _("agent_sent_with_contact", default="Checklist and contact sent. The address has not been kept."),
    # The channel keys and « Mon guichet » (issue 17, agent_call.js).
    "channel_prompt": _("agent_channel_prompt", default="Channel of the call:"),
    "channel_chosen": _("agent_channel_chosen", default="Channel:"),
    "channel_cancelled": _("agent_channel_cancelled", default="Channel choice cancelled."),
    "desk_chosen": _("agent_desk_chosen", default="Calls are now logged for the desk"),
    "desk_none": _("agent_desk_none", default="Calls are now logged without a desk."),
    # Appointments (issue 18, agent_booking.js).
    "minutes": _("agent_minutes", default="min"),
    "slots_none": _("agent_slots_none", default="No free slot at the moment."),
    "book_prompt": _("agent_book_prompt", default="Book: press the slot's digit, Escape to cancel."),
    "book_for": _("agent_book_for", default="Appointment:"),
    "book_cancelled": _("agent_book_cancelled", default="Booking cancelled."),
    "book_taken": _("agent_book_taken", default="Choose another slot: its digit."),
    "booked": _("agent_booked", default="Appointment booked: code"),
    "booked_mail": _("agent_booked_mail", default="The confirmation, with the documents to bring, is sent by e-mail."),
    # The queue of the agent's desk (issue 19, agent_queue.js).
    "queue_waiting": _("agent_queue_waiting", default="waiting"),
    "queue_wait": _("agent_queue_wait", default="estimated wait"),
    "queue_no_estimate": _("agent_queue_no_estimate", default="no estimate yet"),
    "queue_closed": _("agent_queue_closed", default="not taking tickets now"),
    "queue_counters": _("agent_queue_counters", default="counter(s) open"),
    "queue_taken": _("agent_queue_taken", default="Ticket taken:"),
}


class AgentConsole(BrowserView):
    def config(self):
        translated = {key: translate(msg, context=self.request) for key, msg in MESSAGES.items()}
        translated["outcomes"] = self.choices(facts.OUTCOMES, OUTCOME_TITLES)
        retry = {
            "header": facts.IDEMPOTENCY_HEADER,
            "statuses": list(facts.RETRY_STATUSES),
            "pause_s": facts.RETRY_PAUSE_S,
            "timeout_s": facts.REQUEST_TIMEOUT_S,
        }
        return json.dumps({"portal": self.context.absolute_url(), "messages": translated, "retry": retry}, ensure_ascii=False)

    def day_view_url(self):
        """The counters' day view (@@rendez-vous-du-jour) when the agent may open it, else None."""
        if api.user.has_permission(MANAGE_APPOINTMENTS_TITLE, obj=self.context):
            return f"{self.context.absolute_url()}/@@rendez-vous-du-jour"
        return None

    def counter_screen_url(self):
        """The counter's screen « Appeler le suivant » (@@guichet-appel) when the agent may open it, else None."""
        if api.user.has_permission(MANAGE_QUEUES_TITLE, obj=self.context):
            return f"{self.context.absolute_url()}/@@guichet-appel"
        return None

    def token(self):
        return self.context.restrictedTraverse("@@authenticator").token()

    def choices(self, tokens, titles):
        return {token: translate(titles[token], context=self.request) for token in tokens}

    def channels(self):
        """(key digit, token, title) of each channel, in the facts' order: `c` then the digit chooses it."""
        return [(number, *item) for number, item in enumerate(self.choices(facts.CALL_CHANNELS, CHANNEL_TITLES).items(), 1)]

    def desks(self):
        """(UID, title) of the published desks the agent may see, by title: « Mon guichet »."""
        found = api.content.find(portal_type="Desk", review_state="published", sort_on="sortable_title")
        return [(brain.UID, brain.Title) for brain in found]

    def outcomes(self):
        return self.choices(facts.OUTCOMES, OUTCOME_TITLES).items()

    def report_kinds(self):
        return self.choices(facts.REPORT_KINDS, REPORT_KIND_TITLES).items()
