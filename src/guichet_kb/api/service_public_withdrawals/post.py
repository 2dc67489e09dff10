"""POST @service-public-withdrawals {"present": [every fiche id of a full package], "batch": "..."}

-> {"withdrawn": [ids flagged now], "restored": [ids whose flag was removed]}. The
CLI sends it after `import-service-public --full`. A list that is not a full
package is refused with a 400 and nothing is flagged (national/withdrawals.py).
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.deserializers import unknown_fields_message
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.import_service_public import ImportService
from guichet_kb.facts import IMPORT_BATCH_PATTERN
from guichet_kb.national import withdrawals
from plone import api
import re


class WithdrawalsPost(ImportService):
    max_body = 2 * 1024 * 1024  # 100,000 ids
    csrf = CSRF_OFF  # the CLI sends a token or Basic credentials

    def reply(self):
        data = self.json_body()
        unknown = set(data) - {"present", "batch"}
        if unknown:
            raise Refused(400, unknown_fields_message(unknown))
        batch = data.get("batch")
        if batch is None:
            batch = "withdrawals-" + clock.now().strftime("%Y%m%dT%H%M%S")
        elif not isinstance(batch, str) or not re.fullmatch(IMPORT_BATCH_PATTERN, batch):
            raise Refused(400, _("error_withdrawals_batch", default="'batch' must be 1 to 64 letters, digits or _ . : -"))
        try:
            return withdrawals.apply(data.get("present"), batch, api.user.get_current().getId())
        except withdrawals.NotAFullPackage as error:
            raise Refused(400, error.message) from None
