"""POST @import-digest {"batch": "sync-..."}: e-mail the reviewers the digest of one import run.

Sent by `guichet-kb sync-service-public` after the import and the withdrawals
(importers/run_digest.py computes it from stored facts). Nothing to say (no item
created, updated or withdrawn by that run) -> nothing sent; a run already
mailed -> nothing sent, "already_sent" says when.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.import_service_public import ImportService
from guichet_kb.facts import IMPORT_BATCH_PATTERN
from guichet_kb.importers import run_digest
from guichet_kb.importers.batch import valid_batch_id


class ImportDigestPost(ImportService):
    csrf = CSRF_OFF  # the CLI sends a token or Basic credentials

    def reply(self):
        data = self.json_body()
        if set(data) != {"batch"} or not valid_batch_id(data["batch"]):
            raise Refused(
                400,
                _(
                    "error_import_digest_body",
                    default='Expected {"batch": "<import run id>"}: 1 to 64 letters, digits or _ . : - (pattern ${pattern}).',
                    mapping={"pattern": IMPORT_BATCH_PATTERN},
                ),
            )
        return run_digest.send(self.context, data["batch"])
