"""GET @import-service-public: {"hashes": {external_id: hash}} of the imported sheets and answers.

The CLI prepares fiches locally (importers/prepare.py, the server's own function)
and sends only those whose hash differs: an unchanged re-import sends nothing. Read
from the catalog (the ``import_hash`` column), no item is woken and nothing is
written. An id whose original and working copy disagree is left out, so the CLI
sends that fiche and the server decides; so are drafts: they are sent on every run,
for the import profile to fill what is still empty and --publish to publish what
was completed since. Same callers as the POST (access.py).
"""

from guichet_kb.api.import_service_public.access import ImportService
from guichet_kb.facts import ANSWERABLE_TYPES
from plone import api


class ServicePublicHashesGet(ImportService):
    def reply(self):
        catalog = api.portal.get_tool("portal_catalog")
        hashes, disagree = {}, set()
        for brain in catalog.unrestrictedSearchResults(portal_type=ANSWERABLE_TYPES, external_id={"query": "", "range": "min"}):
            value = brain.import_hash
            if not isinstance(value, str) or not value or brain.review_state == "draft":
                continue
            if hashes.setdefault(brain.external_id, value) != value:
                disagree.add(brain.external_id)
        for external_id in disagree:
            del hashes[external_id]
        return {"hashes": hashes, "items_total": len(hashes)}
