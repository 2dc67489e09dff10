"""Install creates the catalogue folders.

Uninstall (profiles/uninstall) removes the layer, control panel and settings but
keeps types and content, so no editor work is lost by a mistaken uninstall.
"""

from guichet_kb import _
from guichet_kb.facts import AGENDA_FOLDER
from guichet_kb.facts import DESK_FOLDER_TYPES
from guichet_kb.facts import FOLDERS
from plone import api
from plone.base.interfaces import INonInstallable
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.dexterity.utils import createContentInContainer
from zope.i18n import translate
from zope.interface import implementer


# The folders' titles; their ids and what they hold are facts.FOLDERS.
FOLDER_TITLES = {
    "demarches": _("Services"),
    "pieces": _("Required documents"),
    "guichets": _("Desks"),
    "services": _("Departments"),
    "questions": _("Questions and answers"),
    "organismes": _("Organisations"),
}


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["guichet_kb:uninstall"]


def _title(msgid, portal):
    return translate(msgid, target_language=portal.Language() or "en")


def ensure_folders(portal):
    """Create (or re-constrain) the folders, one per kind of item."""
    for folder_id, portal_type in FOLDERS.items():
        folder = portal.get(folder_id)
        if folder is None:
            # CatalogueFolder is not addable by users; the profile owns these.
            folder = createContentInContainer(
                portal, "CatalogueFolder", checkConstraints=False, id=folder_id, title=_title(FOLDER_TITLES[folder_id], portal)
            )
        constraints = ISelectableConstrainTypes(folder)
        constraints.setConstrainTypesMode(ENABLED)
        allowed = [portal_type, *DESK_FOLDER_TYPES] if folder_id == AGENDA_FOLDER else [portal_type]  # agendas and queues beside their desks
        constraints.setLocallyAllowedTypes(allowed)
        constraints.setImmediatelyAddableTypes(allowed)
        if api.content.get_state(folder) != "published":
            api.content.transition(folder, to_state="published")


def post_install(context):
    from guichet_kb import tokens
    from guichet_kb.facts import BOOKING_LINK_RING

    ensure_folders(api.portal.get())
    tokens.ensure_ring(BOOKING_LINK_RING)  # booking links (issue 18): made once, never rotated
