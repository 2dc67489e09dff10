"""Classic UI for service notices: the editors' form (add, change the end, end now,
withdraw; the notices log; acknowledge for reviewers) and the banner on the item's view.

The form writes through notices/store.py and checks with notices/validation.py, the
same rules and messages as `<item>/@notices`. Dates are typed as the browser's
`datetime-local` (the portal's wall-clock time).
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.facts import NOTICE_KINDS
from guichet_kb.facts import NOTICE_TYPES
from guichet_kb.notices import is_active
from guichet_kb.notices import json as notices_json
from guichet_kb.notices import store
from guichet_kb.notices import when
from guichet_kb.notices.validation import checked
from guichet_kb.notices.validation import NoticeError
from guichet_kb.notices.validation import NOW
from guichet_kb.permissions import MANAGE_NOTICES
from guichet_kb.permissions import OVERRIDE_FOUR_EYES
from guichet_kb.permissions import REVIEW_QUEUE
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zope.i18n import translate
from zope.security import checkPermission


KIND_TITLES = {"disrupted": _("notice_disrupted", default="Service disrupted"), "suspended": _("notice_suspended", default="Service suspended")}
ACTION_TITLES = {
    "created": _("notice_log_created", default="created"),
    "changed": _("notice_log_changed", default="changed"),
    "withdrawn": _("notice_log_withdrawn", default="withdrawn"),
}


def shown_date(value):
    """An ISO date and time as the portal's '12/12/2026 18:00', or ''."""
    moment = when(value)
    return clock.local(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def typed(value):
    """A `datetime-local` value (or empty) as the notice field: None when empty."""
    value = (value or "").strip()
    return value or None


class NoticesForm(BrowserView):
    """@@guichet-notices on a sheet, a desk or an organisation (editors, reviewers)."""

    problems = ()

    def __call__(self):
        if self.context.portal_type not in NOTICE_TYPES or not checkPermission(MANAGE_NOTICES, self.context):
            raise NotFound(self.context, "guichet-notices", self.request)
        form = self.request.form
        action = form.get("notice_action")
        if self.request.method == "POST" and action:
            CheckAuthenticator(self.request)
            message = self.act(action, form)
            if message is not None and not self.problems:
                api.portal.show_message(message, self.request)
                return self.request.response.redirect(f"{self.context.absolute_url()}/@@guichet-notices")
        return self.index()

    def act(self, action, form):
        try:
            if action == "add":
                fields = {"kind": form.get("kind"), "reason": form.get("reason"), "start": typed(form.get("start")), "end": typed(form.get("end"))}
                store.add(self.context, checked(fields, clock.now()))
                return _("notice_added", default="Notice published.")
            if action == "acknowledge":
                return self.acknowledge()
            notice = store.find(self.context, form.get("notice_id", ""))
            if notice is None:
                raise NoticeError(
                    _("error_unknown_notice", default="This item has no notice '${id}'.", mapping={"id": str(form.get("notice_id"))[:64]})
                )
            if action == "end_now":
                store.change(self.context, notice["id"], checked({"end": NOW}, clock.now(), notice))
                return _("notice_ended", default="Notice ended.")
            if action == "change_end":
                store.change(self.context, notice["id"], checked({"end": typed(form.get("end"))}, clock.now(), notice))
                return _("notice_changed", default="Notice changed.")
            if action == "withdraw":
                store.withdraw(self.context, notice["id"])
                return _("notice_withdrawn", default="Notice withdrawn.")
        except NoticeError as error:
            self.problems = [translate(error.message, context=self.request)]
        return None

    def acknowledge(self):
        if not self.may_acknowledge():
            raise NoticeError(_("error_not_allowed", default="Your account is not allowed to do this."))
        reviewer = api.user.get_current().getId()
        done, left = store.acknowledge(self.context, reviewer, own_allowed=checkPermission(OVERRIDE_FOUR_EYES, self.context))
        if left and not done:
            raise NoticeError(_("error_notice_acknowledge_own", default="You wrote these notices: another reviewer must acknowledge them."))
        return _("notice_acknowledged", default="Notices acknowledged.")

    def may_acknowledge(self):
        return bool(checkPermission(REVIEW_QUEUE, self.context))

    def kinds(self):
        return [{"id": kind, "title": translate(KIND_TITLES[kind], context=self.request)} for kind in NOTICE_KINDS]

    def notices(self):
        now = clock.now()
        return [
            {
                **notice,
                "kind_title": translate(KIND_TITLES[notice["kind"]], context=self.request),
                "active": is_active(notice, now),
                "start_shown": shown_date(notice["start"]),
                "end_shown": shown_date(notice["end"]),
            }
            for notice in store.notices(self.context)
            if when(notice["end"]) is None or when(notice["end"]) > now
        ]

    def log(self):
        return [
            {
                **entry,
                "action_title": translate(ACTION_TITLES[entry["action"]], context=self.request),
                "kind_title": translate(KIND_TITLES[entry["notice"]["kind"]], context=self.request),
                "at_shown": shown_date(entry["at"]),
                "acknowledged_shown": shown_date(entry.get("acknowledged_at")),
            }
            for entry in reversed(store.log(self.context))
        ]

    def to_acknowledge(self):
        return len(store.to_acknowledge(self.context))


class NoticesViewlet(ViewletBase):
    """The item's active notices above its title, for everyone who sees the item;
    a link to the form for those who manage them."""

    template = ViewPageTemplateFile("templates/notices_viewlet.pt")

    def update(self):
        super().update()
        self.items = []
        if getattr(self.context, "portal_type", None) in NOTICE_TYPES:
            self.items = [
                {**notice, "kind_title": translate(KIND_TITLES[notice["kind"]], context=self.request), "end_shown": shown_date(notice["end"])}
                for notice in notices_json.of_object(self.context)
            ]
        self.manage = getattr(self.context, "portal_type", None) in NOTICE_TYPES and bool(checkPermission(MANAGE_NOTICES, self.context))

    def render(self):
        return self.template() if self.items or self.manage else ""
