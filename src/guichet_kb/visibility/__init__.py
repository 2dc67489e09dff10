"""Who may see an item: the one rule every read path applies.

An item is visible to the caller when the caller holds View on it (the workflow
grants View per state: drafts, pending and archived items to staff only) and,
unless the caller holds *Access inactive portal content*, the item is inside its
effective/expiry window. Catalog queries apply the same rule by themselves
(allowedRolesAndUsers and effectiveRange); `request.py` makes sure a caller cannot
switch the date part off there. Everything that shows one item inside another
(relation fields, expansions, Classic views, services) calls `may_see` or
`visible`; a listing built from catalog metadata (`@answer`'s cards) calls
`visible_brains`, the same rule as the catalog applies it.
"""

from AccessControl import getSecurityManager
from DateTime import DateTime
from guichet_kb import clock
from guichet_kb.facts import AGENDA_DESK_INDEX
from guichet_kb.facts import AGENDA_SERVICES_INDEX
from guichet_kb.facts import CARD_COLUMN
from guichet_kb.facts import NOTICES_COLUMN
from guichet_kb.facts import ORGANISATION_COLUMN
from guichet_kb.facts import QUEUE_DESK_INDEX
from guichet_kb.facts import QUEUE_SERVICES_INDEX
from guichet_kb.permissions import ACCESS_INACTIVE_TITLE
from guichet_kb.permissions import MODIFY_CONTENT_TITLE
from guichet_kb.permissions import VIEW_TITLE
from plone import api


def moment():
    """Now as a DateTime, on the clock seam: compute once when checking many items."""
    return DateTime(clock.now().isoformat())


def is_active(obj, now=None):
    """Inside the effective/expiry window (items without dates always are)."""
    now = now or moment()
    effective = getattr(obj, "effective_date", None)
    expires = getattr(obj, "expiration_date", None)
    return (effective is None or effective <= now) and (expires is None or expires > now)


def may_see_inactive(obj):
    return bool(getSecurityManager().checkPermission(ACCESS_INACTIVE_TITLE, obj))


def may_see(obj, now=None):
    """May the current caller see this item at all (anywhere it is shown)?"""
    if obj is None or not getSecurityManager().checkPermission(VIEW_TITLE, obj):
        return False
    return is_active(obj, now) or may_see_inactive(obj)


def target(relation):
    """The item a relation points to, or None when broken."""
    if relation is None or relation.isBroken():
        return None
    return relation.to_object


def visible(relations):
    """Targets of relations (or items) the caller may see, in order."""
    items = (target(r) if hasattr(r, "to_object") else r for r in relations or ())
    now = moment()
    return [item for item in items if may_see(item, now)]


def first_visible(relation):
    """The target of a single relation if the caller may see it, else None."""
    found = visible([relation] if relation is not None else [])
    return found[0] if found else None


def visible_by_uid(uids):
    """{UID: item} for the UIDs whose items the caller may see (one catalog query)."""
    uids = sorted({uid for uid in uids or () if isinstance(uid, str) and uid})
    if not uids:
        return {}
    now, found = moment(), {}
    for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uids):
        item = brain._unrestrictedGetObject()
        if may_see(item, now):
            found[brain.UID] = item
    return found


def visible_brains(uids):
    """{UID: brain} for the UIDs whose items the caller may see, in one catalog query.

    The same rule as `may_see`, as the catalog applies it: `allowedRolesAndUsers`
    (View, indexed per workflow state and local roles) and the effective/expiry
    range unless the caller holds *Access inactive portal content* on the site
    (`request.py` keeps callers from switching the range off). For paths that read
    related items' metadata instead of waking them; nothing is woken here."""
    uids = sorted({uid for uid in uids or () if isinstance(uid, str) and uid})
    if not uids:
        return {}
    return {brain.UID: brain for brain in api.portal.get_tool("portal_catalog").searchResults(UID=uids)}


def visible_desks_of(organisations):
    """{organisation UID: [desk brains the caller may see, by title]} for these
    organisations, in one catalog query with the same rule as `visible_brains`."""
    organisations = sorted({uid for uid in organisations or () if isinstance(uid, str) and uid})
    found = {}
    if not organisations:
        return found
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.searchResults(portal_type="Desk", organisation_uid=organisations, sort_on="sortable_title"):
        found.setdefault(brain.organisation_uid, []).append(brain)
    return found


def visible_uids(uids):
    """The subset of these UIDs whose items the caller may see."""
    return set(visible_by_uid(uids))


# Catalog columns the add-on reads for itself, naming related items whatever the
# caller may see (the `@answer` card: serializers/card.py), or staff data (the
# notices' "by", notices/indexers.py; an organisation's direct line; an agenda's desk and
# sheets, appointments/agendas.py; a queue's, queues/lines.py): never in a stock listing's metadata
# (`@search?metadata_fields=`, serializers.py; `@@getVocabulary?attributes=`).
INTERNAL_METADATA = frozenset(
    {CARD_COLUMN, ORGANISATION_COLUMN, NOTICES_COLUMN, AGENDA_DESK_INDEX, AGENDA_SERVICES_INDEX, QUEUE_DESK_INDEX, QUEUE_SERVICES_INDEX}
)


def _protect_staff_vocabularies():
    """Logins and full names of staff are for editors: plone.app.content's
    documented per-vocabulary permission map (used by `@vocabularies` and
    `@@getVocabulary`) gets the people vocabularies it leaves at View."""
    from plone.app.content.browser.vocabulary import PERMISSIONS

    for name in ("plone.app.vocabularies.Principals", "plone.app.vocabularies.Groups", "plone.app.vocabularies.Users"):
        PERMISSIONS[name] = MODIFY_CONTENT_TITLE


def _protect_internal_metadata():
    """`@@getVocabulary?attributes=` returns any brain attribute but the ones
    plone.app.content lists as unsafe (to callers who may not edit the context)."""
    from plone.app.content.browser import vocabulary

    vocabulary._unsafe_metadata.extend(sorted(INTERNAL_METADATA - set(vocabulary._unsafe_metadata)))


_protect_staff_vocabularies()
_protect_internal_metadata()
