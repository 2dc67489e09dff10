"""Site settings control panel: life events and the default review interval."""
from guichet_kb import _
from guichet_kb.interfaces import IGuichetSettings
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm


class SettingsForm(RegistryEditForm):
    schema = IGuichetSettings
    schema_prefix = "guichet_kb"
    label = _("Guichet KB settings")


class SettingsControlPanel(ControlPanelFormWrapper):
    form = SettingsForm
