"""Site settings control panel (Site Administrators) and the search settings
form (synonyms and best bets, for the catalogue's editors)."""

from AccessControl import Unauthorized
from guichet_kb import _
from guichet_kb.interfaces import IGuichetSettings
from guichet_kb.interfaces import ISearchSettings
from guichet_kb.permissions import MANAGE_SEARCH_SETTINGS_TITLE
from guichet_kb.search.settings import can_manage
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm


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
