"""DELETE <item>/@notices/<id>: the notice withdrawn at once (the notices log keeps it)."""

from guichet_kb.api.notice import NoticesService
from guichet_kb.notices import store


class NoticesDelete(NoticesService):
    def reply(self):
        store.withdraw(self.context, self.notice()["id"])
        return self.reply_no_content()
