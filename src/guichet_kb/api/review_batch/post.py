"""POST @review-batch {"action", "items": [UID or {"UID", "modified"}], "comment"}
-> {"results": [{"UID", "ok", "state", "message"}], "done", "refused"}.

The work is workflow/batch.py's, shared with the review queue's form. A body that
cannot run (not an object, an unknown action, no items or too many, a reject
without comment) is a 400 and nothing is done; otherwise the answer is a 200
listing each item, done or refused with its reason. Anonymous callers get a 401;
a logged-in caller who may not review an item gets that item refused. Cookie
sessions send plone.protect's token, as the console's other writes (CSRF_TOKEN).
"""

from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_TOKEN
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.facts import BATCH_MAX_ITEMS
from guichet_kb.workflow import batch
from plone import api


class ReviewBatchPost(GuichetService):
    csrf = CSRF_TOKEN
    permission = "authenticated"  # not a permission id: allowed() lets any logged-in caller in (401 else)
    max_body = BATCH_MAX_ITEMS * 256 + 64 * 1024  # UIDs with their dates, and a comment

    def allowed(self):
        return not api.user.is_anonymous()

    def reply(self):
        try:
            action, items, comment = batch.parse(self.json_body())
        except batch.BadBatch as bad:
            raise Refused(400, bad.message) from None
        return batch.run(action, items, comment)
