"""Completeness warning shown to editors above catalogue items (view and edit)."""

from guichet_kb.permissions import MODIFY_CONTENT
from guichet_kb.workflow.completeness import describe
from guichet_kb.workflow.completeness import missing
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.security import checkPermission


class CompletenessViewlet(ViewletBase):
    template = ViewPageTemplateFile("templates/completeness_viewlet.pt")

    def update(self):
        super().update()
        self.missing = ""
        if checkPermission(MODIFY_CONTENT, self.context):
            self.missing = describe(missing(self.context), self.request)

    def render(self):
        return self.template() if self.missing else ""
