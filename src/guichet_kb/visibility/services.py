"""Stock REST services that show other items, held to the visibility rule.

Registered for the add-on's layer with the stock names (configure.zcml), so
they replace plone.restapi's on a site where Guichet KB is installed. They follow
the add-on's convention (api/guard/service.py) but take the parameters the stock
services take (`plain_parameters = False`).
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.permissions import DELETE_OBJECTS
from guichet_kb.permissions import MODIFY_CONTENT
from guichet_kb.visibility import may_see
from guichet_kb.visibility import visible_uids
from guichet_kb.visibility.serializers import lock_details
from plone.app.uuid.utils import uuidToObject
from plone.restapi.services.linkintegrity.get import LinkIntegrityGet
from plone.restapi.services.relations.get import GetRelations
from zope.security import checkPermission


class VisibleRelations(GuichetService, GetRelations):
    """`@relations`: only relations whose source and target the caller may see;
    broken relations (paths of items) are for those who may edit the site."""

    plain_parameters = False

    def reply(self):
        if self.request.get("onlyBroken") and not checkPermission(MODIFY_CONTENT, self.context):
            return self.reply_no_content(status=204)
        result = super().reply()
        relations = result.get("relations") if isinstance(result, dict) else None
        if not relations or self.request.get("onlyBroken"):
            return result
        uids = {end["UID"] for rel in relations.values() for item in rel["items"] for end in (item["source"], item["target"])}
        shown = visible_uids(uids)
        for rel in relations.values():
            rel["items"] = [i for i in rel["items"] if i["source"]["UID"] in shown and i["target"]["UID"] in shown]
            rel["items_total"] = len(rel["items"])
        return result


class EditorsLinkIntegrity(GuichetService, LinkIntegrityGet):
    """`@linkintegrity`: for the items the caller may delete; the linking items
    listed are the ones the caller may see."""

    plain_parameters = False

    def reply(self):
        uids = self.request.form.get("uids", [])
        uids = [uids] if isinstance(uids, str) else uids
        for uid in uids if isinstance(uids, list) else [None]:
            obj = uuidToObject(uid, unrestricted=True) if isinstance(uid, str) else None
            if obj is None or not may_see(obj) or not checkPermission(DELETE_OBJECTS, obj):
                message = _("error_linkintegrity_unknown", default="No item you may delete has the UID '${uid}'.", mapping={"uid": str(uid)[:64]})
                raise Refused(404, message)
        result = super().reply()
        shown = visible_uids(b.get("uid") for data in result for b in data["breaches"])
        for data in result:
            data["breaches"] = [b for b in data["breaches"] if b.get("uid") in shown]
        return result


class LockInfo(GuichetService):
    """`GET @lock`: whether the item is locked; holder and token for its editors."""

    plain_parameters = False

    def reply(self):
        return lock_details(self.context)
