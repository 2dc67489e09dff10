"""1017: agendas (issue 18, appointments). The `Agenda` type (its FTI, allowed in the
desks' folder beside the desks, bound to the review workflow, versioned with a diff like a desk), the permission to add
one (permissions.zcml; granted by the rolemap step, roles only), the `agenda_desk` and
`agenda_services` indexes and columns added directly (never the catalog import step:
v1012 says why), and the registry's `appointment_retention_days` (IGuichetSettings,
registered again: existing records keep their values). No agenda exists before, so
nothing is reindexed."""

from guichet_kb.facts import AGENDA_DESK_INDEX
from guichet_kb.facts import AGENDA_SERVICES_INDEX
from guichet_kb.interfaces import IGuichetSettings
from guichet_kb.setup.handlers import ensure_folders
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "profile-guichet_kb:default"
INDEXES = {AGENDA_DESK_INDEX: "FieldIndex", AGENDA_SERVICES_INDEX: "KeywordIndex"}


def upgrade(context):
    install_type(INDEXES)


def install_type(indexes):
    """A type beside the desks (issue 18 agendas, issue 19 queues): its profile steps,
    its indexes and columns, the settings' new records, the folders' constraints."""
    setup = api.portal.get_tool("portal_setup")
    for step in ("typeinfo", "workflow", "rolemap", "repositorytool", "difftool"):
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    for name, meta_type in indexes.items():
        if name not in catalog.indexes():
            catalog.addIndex(name, meta_type)
        if name not in catalog.schema():
            catalog.addColumn(name)
    getUtility(IRegistry).registerInterface(IGuichetSettings, prefix="guichet_kb")
    ensure_folders(api.portal.get())
