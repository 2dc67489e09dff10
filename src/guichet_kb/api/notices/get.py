"""GET <item>/@notices: every notice of the item (active or not) and its notices log, for staff.

Citizens and agents read the active notices in the item's JSON (`notices`) and in
the listings; this is the editors' and reviewers' view, with who wrote what.
"""

from guichet_kb import clock
from guichet_kb.api.notice import NoticesService
from guichet_kb.notices import store


class NoticesGet(NoticesService):
    def reply(self):
        if self.name:
            return self.notice_json(self.notice())
        now = clock.now()
        items = [self.notice_json(notice, now) for notice in store.notices(self.context)]
        entries = store.log(self.context)
        return {
            "@id": self.url,
            "items": items,
            "items_total": len(items),
            "log": entries,
            "to_acknowledge": sum(1 for entry in entries if not entry.get("acknowledged_by")),
        }
