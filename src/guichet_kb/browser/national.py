"""Staff viewlets of imported items: the national changes of a working copy made by
the import (and of its original while it is pending), and the "retirée au niveau
national" warning."""

from guichet_kb.dates.words import long_date
from guichet_kb.national.changes import shown_changes
from guichet_kb.national.withdrawals import withdrawal
from guichet_kb.national.withdrawals import WITHDRAWN_WARNING
from guichet_kb.permissions import VIEW_INTERNAL
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.security import checkPermission


class NationalChangesViewlet(ViewletBase):
    template = ViewPageTemplateFile("templates/national_changes.pt")

    def update(self):
        super().update()
        self.changes = shown_changes(self.context, self.request)

    def render(self):
        return self.template() if self.changes else ""


class WithdrawnViewlet(ViewletBase):
    template = ViewPageTemplateFile("templates/national_withdrawn.pt")

    def update(self):
        super().update()
        self.warning = ""
        flag = withdrawal(self.context) if checkPermission(VIEW_INTERNAL, self.context) else None
        if flag:
            mapping = {"id": self.context.external_id, "date": long_date(flag["date"], self.request), "batch": flag["batch"]}
            self.warning = translate(Message(WITHDRAWN_WARNING, default=WITHDRAWN_WARNING.default, mapping=mapping), context=self.request)

    def render(self):
        return self.template() if self.warning else ""
