"""REST serialization that obeys the visibility rule, for stock paths too.

plone.restapi serializes a relation's target whatever its state or dates (it
does not check the caller), and gives any caller the lock holder and token.
These adapters are registered for the add-on's browser layer, so they are more
specific than plone.restapi's and apply to every path that serializes content:
item GET, `++api++`, `@search`/`@querystring-search`/folder listings with
`fullobjects`, and every expansion.
"""

from guichet_kb.content.fields import IReferenceRows
from guichet_kb.facts import NOTICE_TYPES
from guichet_kb.interfaces import IGuichetKBLayer
from guichet_kb.notices import json as notices_json
from guichet_kb.permissions import MODIFY_CONTENT
from guichet_kb.visibility import first_visible
from guichet_kb.visibility import INTERNAL_METADATA
from guichet_kb.visibility import visible_uids
from plone import api
from plone.app.contenttypes.interfaces import ICollection
from plone.dexterity.interfaces import IDexterityContainer
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.bbb import IPloneSiteRoot
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.serializer.collection import SerializeCollectionToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from plone.restapi.serializer.relationfield import RelationChoiceFieldSerializer
from plone.restapi.serializer.relationfield import RelationListFieldSerializer
from plone.restapi.serializer.site import SerializeSiteRootToJson
from plone.restapi.serializer.summary import DefaultJSONSummarySerializer
from plone.restapi.services.locking import lock_info
from z3c.relationfield.interfaces import IRelationChoice
from z3c.relationfield.interfaces import IRelationList
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.security import checkPermission


@adapter(IRelationChoice, IDexterityContent, IGuichetKBLayer)
@implementer(IFieldSerializer)
class VisibleRelationChoice(RelationChoiceFieldSerializer):
    def get_value(self, default=None):
        value = super().get_value(default)
        return value if first_visible(value) is not None else None


@adapter(IRelationList, IDexterityContent, IGuichetKBLayer)
@implementer(IFieldSerializer)
class VisibleRelationList(RelationListFieldSerializer):
    def get_value(self, default=None):
        return [rel for rel in super().get_value(default) if first_visible(rel) is not None]


@adapter(IReferenceRows, IDexterityContent, IGuichetKBLayer)
@implementer(IFieldSerializer)
class VisibleReferenceRows(DefaultFieldSerializer):
    """Rows naming an item by UID (a sheet's required documents): hidden ones dropped."""

    def get_value(self, default=None):
        rows = super().get_value(default) or []
        key = self.field.reference_key
        shown = visible_uids(row.get(key) for row in rows)
        return [row for row in rows if row.get(key) in shown]


def lock_details(obj):
    """Who holds a lock and its token: for those who may edit the item only."""
    info = lock_info(obj)
    if info and not checkPermission(MODIFY_CONTENT, obj):
        return {"locked": info.get("locked", False), "stealable": False}
    return info


class _LockRedacted:
    """Also adds the item's active notices (notices/json.py) on the types that carry them."""

    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        if "lock" in result:
            result["lock"] = lock_details(self.context)
        if getattr(self.context, "portal_type", None) in NOTICE_TYPES:
            result["notices"] = notices_json.of_object(self.context)
        return result


@implementer(ISerializeToJson)
@adapter(IDexterityContent, IGuichetKBLayer)
class ContentToJson(_LockRedacted, SerializeToJson):
    pass


@implementer(ISerializeToJson)
@adapter(IDexterityContainer, IGuichetKBLayer)
class FolderToJson(_LockRedacted, SerializeFolderToJson):
    pass


@implementer(ISerializeToJson)
@adapter(IPloneSiteRoot, IGuichetKBLayer)
class SiteRootToJson(_LockRedacted, SerializeSiteRootToJson):
    pass


# A type with a serializer of its own (more specific on the object than ours) needs
# its redacting twin here; tests/visibility/test_visibility.py checks every serializer
# plone.restapi registers for content is covered.
@implementer(ISerializeToJson)
@adapter(ICollection, IGuichetKBLayer)
class CollectionToJson(_LockRedacted, SerializeCollectionToJson):
    pass


PEOPLE_METADATA = frozenset({"Creator", "listCreators"})


@implementer(ISerializeToJsonSummary)
@adapter(Interface, IGuichetKBLayer)
class SummaryToJson(DefaultJSONSummarySerializer):
    """Summaries (`metadata_fields=Creator` or `_all`) without staff logins for
    anonymous callers, as Plone's own "about" rule (`plone.allow_anon_views_about`),
    and never the add-on's internal columns (`INTERNAL_METADATA`)."""

    def metadata_fields(self):
        fields = super().metadata_fields() - INTERNAL_METADATA
        if api.user.is_anonymous() and not api.portal.get_registry_record("plone.allow_anon_views_about", default=False):
            return fields - PEOPLE_METADATA
        return fields
