"""GET @import-service-public: {"hashes": {external_id: hash}} of the imported sheets and answers.

The CLI prepares fiches locally (importers/prepare.py, the server's own function)
and sends only those whose hash differs: an unchanged re-import sends nothing. Read
from the catalog (the ``import_hash`` column), no item is woken and nothing is
written. An id whose original and working copy disagree is left out, so the CLI
sends that fiche and the server decides; so are drafts imported under another
import profile than today's (the new one may fill what is still empty). "drafts"
lists the imported drafts: the CLI sends them again with --publish, to publish what
was completed since. Same callers as the POST (ImportService).
"""

from guichet_kb.api.import_service_public import ImportService
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.importers import profile
from guichet_kb.importers.competence import with_organisations
from plone import api
from zope.annotation.interfaces import IAnnotations


class ServicePublicHashesGet(ImportService):
    def reply(self):
        catalog = api.portal.get_tool("portal_catalog")
        hashes, disagree, drafts, today = {}, set(), set(), profile.stamp(with_organisations(profile.current()))
        for brain in catalog.unrestrictedSearchResults(portal_type=ANSWERABLE_TYPES, external_id={"query": "", "range": "min"}):
            value = brain.import_hash
            if not isinstance(value, str) or not value:
                continue
            if brain.review_state == "draft":
                drafts.add(brain.external_id)
                if IAnnotations(brain._unrestrictedGetObject()).get(IMPORT_KEY, {}).get("profile") != today:
                    continue
            if hashes.setdefault(brain.external_id, value) != value:
                disagree.add(brain.external_id)
        for external_id in disagree:
            del hashes[external_id]
        return {"hashes": hashes, "items_total": len(hashes), "drafts": sorted(drafts)}
