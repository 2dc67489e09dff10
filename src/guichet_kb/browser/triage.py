"""Classic UI « Retours des usagers et des agents » (@@feedback-triage, TRIAGE_FEEDBACK):
the triage items of GET @feedback with its filters, and one-click status buttons,
each a small POST form with plone.protect's token (works without JavaScript; the
rules are triage/actions.py's, as POST @feedback-triage)."""

from guichet_kb import _
from guichet_kb import facts
from guichet_kb.api.feedback.get import filters
from guichet_kb.api.guard.errors import Refused
from guichet_kb.triage import items
from guichet_kb.triage.actions import apply
from guichet_kb.triage.actions import TriageRefusal
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


FILTERS = ("status", "kind", "department")
ERASED = _("triage_comment_erased", default="Comment erased.")
CHANGED = _("triage_status_changed", default="Status changed.")


class TriagePage(BrowserView):
    problem = None

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            form = self.request.form
            try:
                apply(form.get("id"), form.get("status") or None, form.get("redact") == "1", api.user.get_current().getId())
            except TriageRefusal as refusal:
                api.portal.show_message(refusal.message, self.request, type="error")
            else:
                erased = form.get("redact") == "1"
                api.portal.show_message(ERASED if erased else CHANGED, self.request)
            self.request.response.redirect(self.url(self.kept()), status=303)
            return ""
        try:
            self.chosen = dict(zip(("status", "department", "kind"), filters(self.context, self.request.form), strict=True))
        except Refused as refused:
            self.problem = translate(refused.message, context=self.request)
            self.chosen = dict.fromkeys(FILTERS)
        return self.index()

    def kept(self):
        """The filters a POST came with (hidden fields), to come back to the same list."""
        return {name: self.request.form.get(f"filter_{name}") for name in FILTERS if self.request.form.get(f"filter_{name}")}

    def url(self, query=None):
        base = f"{self.context.absolute_url()}/@@feedback-triage"
        return f"{base}?{urlencode(query)}" if query else base

    def entries(self):
        if not hasattr(self, "_entries"):
            self._entries = [] if self.problem else items.listing(**self.chosen)
        return self._entries

    def _title(self, message):
        return translate(message, context=self.request)

    def statuses(self):
        return [{"id": s, "title": self._title(items.STATUS_TITLES[s]), "selected": self.chosen.get("status") == s} for s in facts.TRIAGE_STATUSES]

    def kinds(self):
        return [{"id": k, "title": self._title(items.KIND_TITLES[k]), "selected": self.chosen.get("kind") == k} for k in facts.TRIAGE_KINDS]

    def departments(self):
        brains = api.content.find(portal_type="Department", sort_on="sortable_title")
        return [{"id": b.UID, "title": b.Title, "selected": self.chosen.get("department") == b.UID} for b in brains]

    def kind_title(self, entry):
        return self._title(items.KIND_TITLES[entry["kind"]])

    def status_title(self, entry):
        return self._title(items.STATUS_TITLES[entry["status"]])

    def useful_title(self, entry):
        if entry["useful"] is None:
            return ""
        return self._title(_("triage_useful_yes", default="Yes") if entry["useful"] else _("triage_useful_no", default="No"))

    def actions(self, entry):
        """The statuses this entry may be moved to."""
        return [{"id": s, "title": self._title(items.STATUS_TITLES[s])} for s in facts.TRIAGE_STATUSES if s != entry["status"]]

    def shown_date(self, value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]} {value[11:16]}"
