"""How importers write: one helper set for the Service-Public import, the
catalogue file and the demo loader.

Everything goes through plone.restapi's deserializer, so imported data meets
exactly the validation of editors and REST clients. Published items are never
changed in place: the change goes to a working copy (plone.app.iterate).
"""

from contextlib import contextmanager
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.facts import RICH_TEXT
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from plone.restapi.interfaces import IDeserializeFromJson
from z3c.relationfield.event import updateRelations
from zope.component import getMultiAdapter
from zope.globalrequest import getRequest


def rich_text(html):
    """REST's form of a rich text field, or None for an empty one."""
    return {"data": html, "content-type": "text/html", "encoding": "utf-8"} if html else None


def rest_payload(values, rich=RICH_TEXT):
    """Field values as a REST client sends them: HTML strings become rich text."""
    return {name: rich_text(value) if name in rich else value for name, value in values.items()}


def _deserialize(obj, data, create, request=None):
    request = request or getRequest() or getattr(obj, "REQUEST", None)
    getMultiAdapter((obj, request), IDeserializeFromJson)(validate_all=create, data=data, create=create)


def write(obj, data, create=False, request=None):
    """Write REST-style JSON to an existing item.

    An update (``create=False``) sends the modified event, as a PATCH does. With
    ``create=True`` every field is validated and no event is sent: the relations
    are registered here (@relations, link integrity).
    """
    _deserialize(obj, data, create, request)
    if create:
        updateRelations(obj, None)
    obj.reindexObject()


def create_item(container, portal_type, item_id, data, request=None, before_add=None):
    """Build, validate and fill an item before adding it: a refused item leaves
    nothing behind (no savepoint needed) and the catalog indexes it once
    (``before_add(obj)`` sets what the indexes need beyond the fields)."""
    obj = createContent(portal_type, id=item_id, title=data.get("title"))
    _deserialize(obj.__of__(container), data, True, request or getRequest() or getattr(container, "REQUEST", None))
    if before_add is not None:
        before_add(obj)
    return addContentToContainer(container, obj)


def working_copy(obj):
    """The item's working copy, checked out now if there is none: published
    items are never changed in place by an import."""
    policy = ICheckinCheckoutPolicy(obj)
    return policy.getWorkingCopy() or policy.checkout(obj.aq_parent)


def submit(obj, comment):
    if api.content.get_state(obj) == "draft":
        api.content.transition(obj, transition="submit", comment=comment)


@contextmanager
def initial_versions_skipped(types=ANSWERABLE_TYPES):
    """No CMFEditions "initial version" for items created by a bulk import (it
    doubled the import time); their history starts with the first local edit,
    and the import annotation keeps the source date and hash. The policy change
    lives in this transaction only: other sessions never see it."""
    repository = api.portal.get_tool("portal_repository")
    skipped = [t for t in types if "at_edit_autoversion" in repository.getPolicyMap().get(t, ())]
    for portal_type in skipped:
        repository.removePolicyFromContentType(portal_type, "at_edit_autoversion")
    try:
        yield
    finally:
        for portal_type in skipped:
            repository.addPolicyForContentType(portal_type, "at_edit_autoversion")
