"""POST @open-data: regenerate the open-data files now (Site Administrators; the
nightly job does it every day): answers the new listing. No body."""

from guichet_kb.api.agent import AgentService
from guichet_kb.opendata.files import regenerate
from guichet_kb.opendata.listing import listing
from guichet_kb.permissions import MANAGE_CATALOGUE


class OpenDataPost(AgentService):
    permission = MANAGE_CATALOGUE

    def reply(self):
        self.body()
        regenerate()
        return listing(self.context, self.request)
