"""The service sheet's add form, its title prefilled from `?title=` (a content gap's link).

The dashboard's content gaps (dashboard/gaps.py) link a query nobody found to a new
sheet titled with it. Plone ignores widget values sent with a GET
(Products.CMFPlone's z3c.form patch, a security hotfix: a link must not fill in a
form that someone then saves unread), and `form.widgets.IBasic.title=` in a link
leaves the title empty. This form takes only the title, from its own parameter, only
as the initial value of the empty form a GET shows; the editor reads it and saves
through the usual POST with its CSRF token. Every other field starts empty, as in
Plone's own add form.
"""

from plone.dexterity.browser import add


TITLE_PARAMETER = "title"
TITLE_WIDGET = "IBasic.title"  # behavior plone.basic


class AddForm(add.DefaultAddForm):
    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        title = self.request.form.get(TITLE_PARAMETER) if self.request.get("REQUEST_METHOD", "GET") == "GET" else None
        widget = self.widgets.get(TITLE_WIDGET)
        if isinstance(title, str) and title.strip() and widget is not None and not widget.value:
            widget.value = title.strip()


class AddView(add.DefaultAddView):
    form = AddForm
