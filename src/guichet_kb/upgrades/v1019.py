"""1019: queues (issue 19, the virtual queue). The `Queue` type (its FTI, allowed in
the desks' folder beside the desks and agendas, bound to the review workflow,
versioned with a diff like an agenda), the permission to add one (permissions.zcml)
and the Kiosk role (granted by the rolemap step, roles only), the `queue_desk` and
`queue_services` indexes and columns added directly (never the catalog import step:
v1012 says why), and the registry's `queue_notify_minutes` (IGuichetSettings,
registered again: existing records keep their values). No queue exists before, so
nothing is reindexed."""

from guichet_kb.facts import QUEUE_DESK_INDEX
from guichet_kb.facts import QUEUE_SERVICES_INDEX
from guichet_kb.upgrades import v1017


INDEXES = {QUEUE_DESK_INDEX: "FieldIndex", QUEUE_SERVICES_INDEX: "KeywordIndex"}


def upgrade(context):
    v1017.install_type(INDEXES)
