"""@import-service-public: POST Service-Public fiches sent by the CLI (post.py); GET the hashes it already holds (get.py).

Who may call them (and @service-public-withdrawals, @import-digest): ImportService.
Site Administrators, and Editors who may add sheets and answers in the catalogue
folders: the import runs as its caller, so an Editor's "publish" submits complete
items for review and a Site Administrator's is the recorded four-eyes override
(importers/publishing.py).
"""

from guichet_kb.api.guard.service import GuichetService
from guichet_kb.facts import FOLDER_OF
from guichet_kb.permissions import ADD_ANSWER_TITLE
from guichet_kb.permissions import ADD_SERVICE_SHEET_TITLE
from guichet_kb.permissions import MANAGE_CATALOGUE
from plone import api


ADD_PERMISSIONS = {"ServiceSheet": ADD_SERVICE_SHEET_TITLE, "Answer": ADD_ANSWER_TITLE}


class ImportService(GuichetService):
    permission = MANAGE_CATALOGUE

    def allowed(self):
        if super().allowed():
            return True
        portal = self.context
        return all(
            FOLDER_OF[kind] in portal.objectIds() and api.user.has_permission(title, obj=portal[FOLDER_OF[kind]])
            for kind, title in ADD_PERMISSIONS.items()
        )
