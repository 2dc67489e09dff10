"""POST @page-view {"uid"}: a visitor read a sheet (once per visitor, sheet and day)."""

from guichet_kb.api.visitor import VisitorPost
from guichet_kb.protection.clients import client_address
from guichet_kb.stats import store
from guichet_kb.stats import visitors


class PageViewPost(VisitorPost):
    bucket, limit, fields = "view", 120, frozenset({"uid"})

    def store(self, uid, data):
        # Once per visitor, sheet and day (the answer is the same either way).
        if visitors.first_visit(client_address(self.request), uid):
            store.count_view(uid)
        return self.reply_no_content()
