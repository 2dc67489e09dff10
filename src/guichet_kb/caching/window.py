"""When does what anonymous callers see change by itself? The next date a published
item becomes effective or expires.

No event fires then, so nothing is purged: instead the read services may be kept
only until that moment (operation.py caps their max-age and s-maxage at it) and
their ETag carries it, so a cache revalidating after it gets the new answer, not
a 304 (api/caching.py).
"""

from guichet_kb.facts import CATALOGUE_TYPES
from guichet_kb.visibility import moment
from plone import api


PUBLISHED = "published"
KEY = "guichet_kb.caching.window"


def next_change(now=None):
    """The earliest effective or expiration date after now among published catalogue
    items (a DateTime), or None. Two catalog queries on the date indexes, one row each."""
    now = now or moment()
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for index in ("effective", "expires"):
        rows = catalog.unrestrictedSearchResults(
            portal_type=list(CATALOGUE_TYPES),
            review_state=PUBLISHED,
            sort_on=index,
            sort_limit=1,
            **{index: {"query": now, "range": "min"}},
        )[:1]
        found += [getattr(row, index) for row in rows if getattr(row, index) and getattr(row, index) > now]
    return min(found) if found else None


def for_request(request):
    """(now, next_change) computed once per request: the ETag and the headers agree."""
    found = request.other.get(KEY) if request is not None else None
    if found is None:
        now = moment()
        found = (now, next_change(now))
        if request is not None:
            request.other[KEY] = found
    return found


def seconds_left(request):
    """Whole seconds until the next change (rounded down: never kept past it), or None."""
    now, change = for_request(request)
    return None if change is None else max(0, int((change - now) * 86400))


def token(request):
    """The next change as an ETag part: it changes when that moment passes."""
    change = for_request(request)[1]
    return "" if change is None else str(int(change.timeTime()))
