"""What the panels write beside the figures: French titles and links, and the change.

Items are named only when the caller may see them (visibility.visible_brains, the
catalog's rule): the caller is staff with the dashboard's permission, which does
not grant View on drafts, so a line of an unpublished or deleted item keeps its
figures under a neutral label, without title or link. Staff who may see an item
see its title and a link to it.
"""

from guichet_kb import _
from guichet_kb.interactions.store import CHANNEL_TITLES
from guichet_kb.interactions.store import OUTCOME_TITLES
from guichet_kb.visibility import visible_brains
from zope.i18n import translate


HIDDEN = _("dashboard_hidden_item", default="(item not visible: unpublished or deleted)")
NONE = {
    "service": _("dashboard_no_service", default="No sheet (question without a sheet)"),
    "desk": _("dashboard_no_desk", default="No desk given"),
    "organisation": _("dashboard_no_organisation", default="No organisation given"),
}


def text(message, request):
    return translate(message, context=request)


def channel(token, request):
    return text(CHANNEL_TITLES.get(token, token), request)


def outcome(token, request):
    return text(OUTCOME_TITLES.get(token, token), request)


class Items:
    """Titles and URLs of the UIDs of a panel, looked up in one catalog query."""

    def __init__(self, uids, request):
        self.brains = visible_brains(uids)
        self.request = request

    def title(self, uid, dimension):
        if not uid:
            return text(NONE[dimension], self.request)
        brain = self.brains.get(uid)
        return brain.Title if brain is not None else text(HIDDEN, self.request)

    def url(self, uid):
        brain = self.brains.get(uid) if uid else None
        return brain.getURL() if brain is not None else None

    def links(self, uid):
        """The optional keys of a row about this item: its "uid" (a filter's value) and,
        when the caller may see it, its "url"; none for a hidden item."""
        url = self.url(uid)
        return {"uid": uid, "url": url} if url else {}


def change(count, previous):
    """The change from the previous period in % (one decimal), None from nothing."""
    if not previous:
        return None
    return round((count - previous) * 100 / previous, 1)


def share(count, total):
    """count / total in % (one decimal), None of nothing."""
    return round(count * 100 / total, 1) if total else None


def median(counts):
    """The median value of a Counter {value: count} (the upper middle of an even total), None of nothing."""
    total = sum(counts.values())
    if not total:
        return None
    middle, seen = (total + 1) / 2, 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= middle:
            return value
    return None  # pragma: no cover - the loop reaches the middle
