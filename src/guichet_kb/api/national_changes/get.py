"""GET @national-changes: what a national update changes on a sheet or an answer.

On a working copy made by the Service-Public import, or on its original while the
copy is pending: the rows of national/changes.py. Staff who may see the working
copy only; anyone else, and an item without a national update, gets a 404.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.national.changes import shown_changes


class NationalChangesGet(GuichetService):
    def reply(self):
        changes = shown_changes(self.context, self.request)
        if changes is None:
            raise Refused(404, _("error_no_national_update", default="This item has no national update waiting for review."))
        return {"@id": f"{self.context.absolute_url()}/@national-changes", **changes}
