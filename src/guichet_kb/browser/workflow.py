"""Classic UI for the editorial workflow: transition form, review queue, completeness."""

from Acquisition import aq_inner
from guichet_kb import _
from guichet_kb import facts
from guichet_kb.permissions import VIEW_DASHBOARD_TITLE
from guichet_kb.workflow import queue
from guichet_kb.workflow.completeness import describe
from guichet_kb.workflow.completeness import missing
from guichet_kb.workflow.completeness import RULES
from guichet_kb.workflow.rules import checkin_problems
from guichet_kb.workflow.rules import EditorialRefusal
from guichet_kb.workflow.rules import transition_problems
from plone import api
from plone.app.iterate.browser.checkin import Checkin as BaseCheckin
from plone.app.iterate.browser.control import Control as BaseControl
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.iterate.interfaces import IWorkingCopy
from plone.app.iterate.permissions import CheckinPermission
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


class TransitionForm(BrowserView):
    """Confirm a transition with a comment; refusals are shown, not raised."""

    problems = ()

    def transition(self):
        wanted = self.request.form.get("workflow_action", "")
        for action in api.portal.get_tool("portal_workflow").getTransitionsFor(self.context):
            if action["id"] == wanted:
                return action
        return None

    def missing(self):
        return describe(missing(self.context), self.request)

    def __call__(self):
        transition = self.transition()
        if transition is None:
            api.portal.show_message(_("error_transition_unavailable", default="This action is not available."), self.request, type="error")
            return self.request.response.redirect(self.context.absolute_url())
        if self.request.method == "POST" and "form.button.confirm" in self.request.form:
            CheckAuthenticator(self.request)
            comment = self.request.form.get("comment", "")
            actor = api.user.get_current().getId()
            self.problems = [translate(p, context=self.request) for p in transition_problems(self.context, transition["id"], comment, actor)]
            if not self.problems:
                try:
                    api.portal.get_tool("portal_workflow").doActionFor(self.context, transition["id"], comment=comment)
                except (EditorialRefusal, WorkflowException) as error:
                    self.problems = getattr(error, "problems", None) or [str(error)]
                else:
                    api.portal.show_message(_("Done."), self.request)
                    return self.request.response.redirect(self.context.absolute_url())
        return self.index()


class ReviewQueueView(BrowserView):
    """The reviewers' dashboard: same entries as GET @review-queue."""

    ACTION_TITLES = {
        "publish": _("Publish"),
        "reject": _("Send back"),
        "confirm_review": _("Confirm still correct"),
        facts.CHECKIN: _("Check in"),
        facts.CHECKIN_NATIONAL: _("Check in national updates"),
        "archive": _("Archive"),
        "retract": _("Retract"),
        facts.NOTICE_ACKNOWLEDGE: _("action_acknowledge_notices", default="Acknowledge the notices"),
    }

    def may_view_dashboard(self):
        """The link to the user-relationship dashboard (issue 17) for those who may see it."""
        return api.user.has_permission(VIEW_DASHBOARD_TITLE, obj=self.context)

    def entries(self):
        if not hasattr(self, "_entries"):
            self._entries = queue.entries()
        return self._entries

    def batch_actions(self):
        """The bulk actions of the form's menu (facts.BATCH_ACTIONS), in order."""
        return [{"id": action, "title": translate(self.ACTION_TITLES[action], context=self.request)} for action in facts.BATCH_ACTIONS]

    def batches(self):
        """The import batches of the queue's items: id, who ran it, date, count, selection URL."""
        found = {}
        for entry in self.entries():
            if entry["batch"]:
                batch = found.setdefault(entry["batch"], {"id": entry["batch"], "by": entry["batch_by"], "date": entry["batch_date"], "uids": set()})
                batch["uids"].add(entry["UID"])
        url = f"{self.context.absolute_url()}/@@review-queue"
        return [
            {**batch, "count": len(batch["uids"]), "url": f"{url}?{urlencode({'select_batch': batch['id']})}#guichet-batch"}
            for batch in sorted(found.values(), key=lambda b: (b["date"] or "", b["id"]))
        ]

    def checked(self, entry):
        """Pre-selected rows: ?select=all, or ?select_batch=<import batch id>."""
        form = self.request.form
        return form.get("select") == "all" or bool(entry["batch"] and form.get("select_batch") == entry["batch"])

    @staticmethod
    def item_value(entry):
        """What a row's checkbox sends: the UID and the "modified" the reviewer saw."""
        return f"{entry['UID']} {entry['modified']}"

    def reason_title(self, reason):
        return translate(queue.REASON_TITLES[reason], context=self.request)

    def actions(self, entry):
        """One-click actions for an entry (facts.REVIEW_ACTIONS): links to the transition form or check-in."""
        return [{"title": self.ACTION_TITLES[action], "url": self.action_url(entry, action)} for action in facts.REVIEW_ACTIONS[entry["reason"]]]

    @staticmethod
    def action_url(entry, action):
        if action == facts.CHECKIN:
            return entry["@id"] + "/@@content-checkin"
        if action == facts.NOTICE_ACKNOWLEDGE:
            return entry["@id"] + "/@@guichet-notices"
        return f"{entry['@id']}/@@guichet-transition?workflow_action={action}"


class CompletenessReport(BrowserView):
    """Every item that could not be published yet, with what it lacks."""

    def rows(self):
        rows = []
        path = "/".join(self.context.getPhysicalPath())
        for brain in api.content.find(portal_type=tuple(RULES), path=path, sort_on="sortable_title"):
            obj = brain.getObject()
            lacking = missing(obj)
            if lacking:
                rows.append(
                    {
                        "title": brain.Title,
                        "url": brain.getURL(),
                        "type": obj.portal_type,
                        "state": brain.review_state,
                        "missing": describe(lacking, self.request),
                    }
                )
        return rows


class Checkin(BaseCheckin):
    """iterate's check-in form, refusing with a message instead of an error page."""

    def __call__(self):
        if "form.button.Checkin" in self.request.form:
            message = self.request.form.get("checkin_message", "")
            problems = checkin_problems(self.context, message, api.user.get_current().getId())
            if problems:
                for problem in problems:
                    api.portal.show_message(problem, self.request, type="error")
                return self.index()
        return super().__call__()


class IterateControl(BaseControl):
    """Check-in is a reviewer's act here, and reviewers do not edit published
    items directly: require the check-in permission only (iterate also asks for
    'Modify portal content' on the published original)."""

    def checkin_allowed(self):
        context = aq_inner(self.context)
        if not (IWorkingCopy.providedBy(context) and self._can_lock()):
            return False
        policy = ICheckinCheckoutPolicy(context, None)
        original = policy.getBaseline() if policy is not None else None
        return bool(original is not None and api.user.has_permission(CheckinPermission, obj=original))
