"""Site settings control panel (Site Administrators) and the search settings
form (synonyms and best bets, for the catalogue's editors), with the best bets
agents' choices suggest and their one-click "add" (POST, CSRF token)."""

from AccessControl import Unauthorized
from guichet_kb import _
from guichet_kb.interfaces import IGuichetSettings
from guichet_kb.interfaces import ISearchSettings
from guichet_kb.permissions import MANAGE_SEARCH_SETTINGS_TITLE
from guichet_kb.search.choices.suggestions import suggested
from guichet_kb.search.settings import can_manage
from guichet_kb.search.settings import current
from guichet_kb.search.settings import problems
from guichet_kb.search.settings import save
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate


class SettingsForm(RegistryEditForm):
    schema = IGuichetSettings
    schema_prefix = "guichet_kb"
    label = _("Guichet KB settings")


class SettingsControlPanel(ControlPanelFormWrapper):
    form = SettingsForm


class SearchSettingsForm(RegistryEditForm):
    schema = ISearchSettings
    schema_prefix = "guichet_kb"
    label = _("Search synonyms and best bets")
    description = _("Changes apply to the next search, without restart.")

    def update(self):
        if not can_manage():
            raise Unauthorized(MANAGE_SEARCH_SETTINGS_TITLE)
        super().update()


class SearchSettingsPage(ControlPanelFormWrapper):
    form = SearchSettingsForm
    index = ViewPageTemplateFile("templates/search_settings.pt")

    def suggestions(self):
        return suggested() if can_manage() else []


class AddSuggestedBestBet(BrowserView):
    """POST query + target: appends "query => target" to the best bets (checked as
    any line), then back to the form with a message."""

    def __call__(self):
        back = f"{self.context.absolute_url()}/@@search-settings"
        if not can_manage():
            raise Unauthorized(MANAGE_SEARCH_SETTINGS_TITLE)
        if self.request.method != "POST":
            return self.request.response.redirect(back)
        CheckAuthenticator(self.request)
        query, target = (" ".join(str(self.request.form.get(name) or "").split()) for name in ("query", "target"))
        line = f"{query} => {target}"
        lines = current()["best_bets"] + [line]
        found = problems("best_bets", lines)
        messages = IStatusMessage(self.request)
        if found:
            messages.add(translate(found[0], context=self.request), type="error")
        else:
            save({"best_bets": lines})
            added = _("best_bet_added", default="Best bet added: ${line}", mapping={"line": line})
            messages.add(translate(added, context=self.request), type="info")
        return self.request.response.redirect(back)
