"""When does what anonymous callers see change by itself? When a published item
becomes effective or expires, and when a notice on a published item starts or
ends (notices/: read against the clock, never written at that moment).

No event fires then, so nothing is purged: instead the read services may be kept
only until that moment (operation.py caps their max-age and s-maxage at it) and
their ETag carries it, so a cache revalidating after it gets the new answer, not
a 304 (api/caching.py).

Two clocks decide what is shown. An item read as an object (`visibility.is_active`)
appears and disappears at its exact dates; a catalog query (the aggregate reads)
sees the dates through the `effectiveRange` index, which keeps them to the minute
(its precision_value): an item is listed from the start of its effective minute
until the end of its expiration minute. Both moments count.
"""

from DateTime import DateTime
from guichet_kb.facts import CATALOGUE_TYPES
from guichet_kb.facts import NOTICE_MOMENTS_INDEX
from guichet_kb.facts import NOTICE_TYPES
from guichet_kb.notices import moments as notice_moments
from guichet_kb.notices.json import stored as stored_notices
from guichet_kb.visibility import moment
from plone import api


PUBLISHED = "published"
KEY = "guichet_kb.caching.window"
RECENT = 20  # items expired within the last step whose catalog moment may still be ahead
HORIZON = 86400  # s: moments further ahead cap nothing (the read services' s-maxage is 60 s)


def _step(catalog):
    """The effectiveRange index's precision, in seconds."""
    index = catalog._catalog.indexes.get("effectiveRange")
    return 60 * max(1, int(getattr(index, "precision_value", 1) or 1))


def next_change(now=None):
    """Seconds since the epoch of the next moment (within HORIZON) an item or a notice
    appears or disappears for anonymous callers (object or catalog view), or None.
    Three catalog queries on date ranges that hold only the few items with a date
    that close."""
    now = (now or moment()).timeTime()
    catalog = api.portal.get_tool("portal_catalog")
    step = _step(catalog)
    base = {"portal_type": list(CATALOGUE_TYPES), "review_state": PUBLISHED}
    moments = []
    ahead = DateTime(now + HORIZON)
    window = {"query": (DateTime(now), ahead), "range": "min:max"}
    soonest = catalog.unrestrictedSearchResults(effective=window, sort_on="effective", sort_limit=1, **base)[:1]
    for row in soonest:
        effective = row.effective.timeTime()
        moments += [effective, effective - effective % step]
    window = {"query": (DateTime(now - step), ahead), "range": "min:max"}
    recent = catalog.unrestrictedSearchResults(expires=window, sort_on="expires", sort_limit=RECENT, **base)
    for row in recent[:RECENT]:
        expires = row.expires.timeTime()
        moments += [expires, expires - expires % step + step]
    moments += _notice_moments(catalog, now, now + HORIZON)
    upcoming = [m for m in moments if m > now]
    return min(upcoming) if upcoming else None


def _notice_moments(catalog, start, end):
    """When a notice on a published item starts or ends in (start, end]: one query on
    the `notice_moments` index (only items with a notice that close)."""
    window = {"query": (int(start), int(end)), "range": "min:max"}
    query = {NOTICE_MOMENTS_INDEX: window, "portal_type": list(NOTICE_TYPES), "review_state": PUBLISHED}
    found = []
    for brain in catalog.unrestrictedSearchResults(**query):
        found += [m for m in notice_moments(stored_notices(brain)) if start < m <= end]
    return found


# The last next_change() per site: (catalog counter, when, value). It changes only
# when the catalog does, when that moment passes, or when a moment enters the
# horizon (which is a day ahead: such a moment caps nothing before it is reused
# for at most REUSE seconds). Every read service's ETag asks for it, the agents'
# tools' too: two sorted catalog queries per request were a tenth of an @answer.
_LAST = {}
REUSE = 60  # s


def shared_next_change(now):
    """next_change(now), reused while the catalog is unchanged and the moment ahead."""
    catalog = api.portal.get_tool("portal_catalog")
    jar = getattr(catalog, "_p_jar", None)
    key = (id(jar.db()) if jar is not None else None, "/".join(catalog.getPhysicalPath()))
    counter, seconds = catalog.getCounter(), now.timeTime()
    last = _LAST.get(key)
    if last is not None and last[0] == counter and last[1] <= seconds < last[1] + REUSE and (last[2] is None or seconds < last[2]):
        return last[2]
    value = next_change(now)
    _LAST[key] = (counter, seconds, value)
    return value


def for_request(request):
    """(now, next_change) in seconds, computed once per request: ETag and headers agree."""
    found = request.other.get(KEY) if request is not None else None
    if found is None:
        now = moment()
        found = (now.timeTime(), shared_next_change(now))
        if request is not None:
            request.other[KEY] = found
    return found


def seconds_left(request):
    """Whole seconds until the next change (rounded down: never kept past it), or None."""
    now, change = for_request(request)
    return None if change is None else max(0, int(change - now))


def token(request):
    """The next change as an ETag part: it changes when that moment passes."""
    change = for_request(request)[1]
    return "" if change is None else str(int(change))
