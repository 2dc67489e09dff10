"""@@fact-check?token=...: the expert's page (Classic UI, no account needed).

A page of its own, not inside the site's main template: it shows this one draft
(factcheck/draft.py: public fields and published documents) and the answer form,
and no navigation, portlet or link to any other item. The token in the address is
the credential: the page is never cached and sends no referrer, and its form needs
no CSRF token (another site cannot know the link). A refused link (forged,
expired, sheet gone, answered twice) is a one-line French message with the
refusal's status; a bad answer (no comment to correct...) shows that message above
the draft and the form again, the comment kept. Nothing is stored then, and opening
the page stores nothing.
"""

from guichet_kb import _
from guichet_kb.api.fact_check_answer.get import NO_STORE
from guichet_kb.api.fact_check_answer.post import BUCKET
from guichet_kb.api.fact_check_answer.post import LIMIT
from guichet_kb.api.guard.errors import Refused
from guichet_kb.factcheck import answering
from guichet_kb.factcheck import draft
from guichet_kb.factcheck import store
from guichet_kb.factcheck.mail import VERDICT_TITLES
from guichet_kb.facts import FACT_CHECK_MAX_COMMENT
from guichet_kb.protection.clients import flood_allowed
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
import transaction
from zope.component import getUtility
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.schema.interfaces import IVocabularyFactory


RICH = ("eligibility", "documents_note", "steps")


class FactCheckPage(BrowserView):
    template = ViewPageTemplateFile("templates/fact_check.pt")
    max_comment = FACT_CHECK_MAX_COMMENT

    def __call__(self):
        response = self.request.response
        response.setHeader("Cache-Control", NO_STORE)
        response.setHeader("Referrer-Policy", "no-referrer")
        response.setHeader("X-Robots-Tag", "noindex, nofollow")
        self.error = self.done = self.input_error = None
        self.sheet = self.record = None
        self.token = self.request.form.get("token")
        try:
            self.sheet, self.record = answering.resolve(self.token if isinstance(self.token, str) else None)
            if self.request.get("REQUEST_METHOD") == "POST":
                self.answer()
        except Refused as refused:
            transaction.doom()
            response.setStatus(refused.status)
            self.error = translate(refused.message, context=self.request)
            # A bad answer on a good link: the draft and the form again, the comment kept.
            self.input_error = self.sheet is not None and refused.status in (400, 429)
        return self.template()

    def comment(self):
        comment = self.request.form.get("comment") if self.input_error else None
        return comment if isinstance(comment, str) else ""

    def answer(self):
        alsoProvides(self.request, IDisableCSRFProtection)  # the link's token is the credential
        if not flood_allowed(self.request, BUCKET, LIMIT):
            raise Refused(429, _("error_rate_limited", default="Too many requests: try again in a minute."))
        form = self.request.form
        data = {"verdict": form.get("verdict"), "comment": form.get("comment") or ""}
        if not isinstance(data["verdict"], str) or not isinstance(data["comment"], str):
            raise Refused(400, _("error_fact_check_verdict", default="'verdict' must be one of: exact, a_corriger."))
        self.record = answering.answer(self.sheet, self.record, data)
        self.done = True

    def answered(self):
        return bool(self.record and store.state(self.record) == store.ANSWERED)

    def verdict_title(self):
        return translate(VERDICT_TITLES[self.record["verdict"]], context=self.request)

    def data(self):
        return draft.draft_json(self.sheet, self.request)

    def fields(self):
        """(label, text or None, html or None) of each filled public field."""
        data, rows = self.data(), []
        for name in draft.FIELDS:
            value = data.get(name)
            if value in (None, "", [], False) or name in ("title", "description"):
                continue
            label = draft.field_title(name, self.request)
            if name in RICH:
                rows.append({"name": name, "label": label, "text": None, "html": value})
            else:
                rows.append({"name": name, "label": label, "text": self.text(name, value), "html": None})
        return rows

    def text(self, name, value):
        if name in draft.VOCABULARIES:
            vocabulary = getUtility(IVocabularyFactory, draft.VOCABULARIES[name])(self.sheet)
            return ", ".join(translate(vocabulary.getTerm(v).title, context=self.request) for v in value if v in vocabulary)
        if value is True:
            return translate(_("fact_check_yes", default="yes"), context=self.request)
        if name == "legal_references":
            return "; ".join(" ".join(str(v) for v in row.values() if v) for row in value)
        return str(value)
