"""PATCH <item>/@notices/<id> {some of "kind", "reason", "start", "end"}: a notice changed at once.

`"end": "now"` ends it now; `"end": null` keeps it until withdrawn.
"""

from guichet_kb.api.notice import NoticesService
from guichet_kb.notices import store


class NoticesPatch(NoticesService):
    def reply(self):
        old = self.notice()
        return self.notice_json(store.change(self.context, old["id"], self.fields(existing=old)))
