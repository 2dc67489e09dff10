"""Notices as callers read them: the active ones, without "by" but for staff.

Staff are who may read the staff-only fields (agents, editors, reviewers,
administrators); anonymous callers and plain members never get "by".

One place for the item JSON (visibility/serializers.py), the listings (`@answer`,
`@top-services`, `@desks`), the Classic views and the console. Listings read the
catalog column (no item woken); the items they come from were already filtered
by the visibility rule (`visibility.visible_brains`, catalog queries), so a
notice of an item the caller may not see is never read.
"""

from AccessControl import getSecurityManager
from guichet_kb import clock
from guichet_kb.facts import NOTICES_COLUMN
from guichet_kb.notices import current
from guichet_kb.notices import public
from guichet_kb.notices.store import notices  # noqa: F401 (of_object, and callers' notices_json.notices)
from guichet_kb.permissions import VIEW_INTERNAL_TITLE
from Missing import MV
from plone import api


def staff():
    """May the caller read who wrote a notice (staff-only information, on the site)?"""
    return bool(getSecurityManager().checkPermission(VIEW_INTERNAL_TITLE, api.portal.get()))


def active_json(items, now=None, on=None, is_staff=None):
    """The active notices among ``items`` (stored dicts), as the caller reads them;
    each with ``on`` (the item it is on) when given."""
    is_staff = staff() if is_staff is None else is_staff
    found = [public(notice, is_staff) for notice in current(items, now or clock.now())]
    return [{**notice, "on": on} for notice in found] if on is not None else found


def of_object(obj, now=None):
    """The item's active notices (the item JSON's `notices`)."""
    return active_json(notices(obj), now)


def stored(brain):
    """The notices a brain's column holds; none when it holds nothing (a type without
    notices; an item not reindexed since upgrade 1014 added the column, which had no
    notices then: every notice write reindexes its item). Nothing is woken."""
    value = getattr(brain, NOTICES_COLUMN, None)
    return [] if value is None or value is MV else list(value)


def of_brain(brain, now=None, with_on=False, is_staff=None):
    on = {"@id": brain.getURL(), "title": brain.Title, "@type": brain.portal_type} if with_on else None
    return active_json(stored(brain), now, on, is_staff)


def of_related(brain, related_brains, now=None, is_staff=None):
    """The active notices of an item and of the related items shown with it (its
    desks; its competent organisations), each with ``on``: what `@answer` and the
    card show. ``related_brains`` were filtered by the visibility rule."""
    now = now or clock.now()
    is_staff = staff() if is_staff is None else is_staff
    found = of_brain(brain, now, True, is_staff)
    for other in related_brains:
        found += of_brain(other, now, True, is_staff)
    return found


def of_objects(items, now=None):
    """The active notices of these items (the caller may see them), each with ``on``."""
    now, is_staff = now or clock.now(), staff()
    found = []
    for obj in items:
        on = {"@id": obj.absolute_url(), "title": obj.Title(), "@type": obj.portal_type}
        found += active_json(notices(obj), now, on, is_staff)
    return found
