"""Classic UI for editors: @@request-fact-check on a sheet (the form of POST
@fact-check), and the sheet page's "Vérification par le service" block (the
requests, their state and answers)."""

from guichet_kb import _
from guichet_kb import facts
from guichet_kb.api.guard.errors import Refused
from guichet_kb.factcheck import asking
from guichet_kb.factcheck import store
from guichet_kb.factcheck.mail import VERDICT_TITLES
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
import transaction
from zExceptions import Unauthorized
from zope.i18n import translate


STATE_TITLES = {
    store.PENDING: _("fact_check_state_pending", default="awaiting the answer"),
    store.ANSWERED: _("fact_check_state_answered", default="answered"),
    store.EXPIRED: _("fact_check_state_expired", default="expired without an answer"),
}


def requests_shown(sheet, request):
    """The sheet's requests for its page, newest first, with their titles translated."""
    rows = []
    for record in reversed(store.records(sheet)):
        state = store.state(record)
        rows.append(
            {
                **record,
                "state": state,
                "state_title": translate(STATE_TITLES[state], context=request),
                "verdict_title": translate(VERDICT_TITLES[record["verdict"]], context=request) if record["verdict"] else None,
            }
        )
    return rows


def may_request(sheet):
    return asking.may_ask(sheet) and api.content.get_state(sheet, default=None) in facts.FACT_CHECK_STATES


class RequestFactCheck(BrowserView):
    """Ask the department's expert; refusals are shown on the form, nothing stored."""

    problem = None
    max_note = facts.FACT_CHECK_MAX_NOTE
    days = facts.FACT_CHECK_DAYS

    def default_email(self):
        relation = getattr(self.context, "department", None)
        department = relation.to_object if relation is not None and not relation.isBroken() else None
        return getattr(department, "email", None) or ""

    def __call__(self):
        if not asking.may_ask(self.context):
            raise Unauthorized("fact check")
        if self.request.method == "POST" and "form.button.send" in self.request.form:
            CheckAuthenticator(self.request)
            form = self.request.form
            data = {"email": (form.get("email") or "").strip() or None, "message": form.get("message") or None}
            data = {key: value for key, value in data.items() if value is not None}
            try:
                record, _token = asking.ask(self.context, data, api.user.get_current().getId())
            except Refused as refused:
                transaction.doom()
                self.request.response.setStatus(refused.status)
                self.problem = translate(refused.message, context=self.request)
            else:
                message = _("fact_check_requested", default="Fact check requested from ${to}.", mapping={"to": record["to"]})
                api.portal.show_message(message, self.request)
                return self.request.response.redirect(self.context.absolute_url())
        return self.index()
