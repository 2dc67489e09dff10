"""Service notices: "service perturbé / suspendu" on a sheet, a desk or an organisation.

A notice is not content under review. It is urgent (a suspended service must show
everywhere within a minute), so it is a small list stored on the item (store.py)
and copied into the catalog column `guichet_notices` (facts.NOTICES_COLUMN) that
every listing reads, written at once by the item's editors through
`<item>/@notices`, with no working copy and no review before. Accountability comes
after the fact: every write is kept in the item's notices log (who, when, what),
and the review queue lists the items whose notices changed since a reviewer last
acknowledged them (reason "notice", workflow/queue.py).

A notice is a dict ``{"id", "kind", "reason", "start", "end", "by", "at"}``
(dates as ISO 8601 with their offset, ``end`` None for "until withdrawn"). It ends
by itself: whether it is active is decided at read time against the clock
(``current``), never by a scheduled write; the caching window (caching/window.py)
expires cached answers at its start and end.

This module is pure (no Zope): the public app, the CLI and the tests use it.
"""

from datetime import datetime
from guichet_kb import clock


PUBLIC_FIELDS = ("id", "kind", "reason", "start", "end", "at")  # what anonymous callers get ("by" is staff's)


def when(value):
    """An ISO 8601 date and time (with offset, or the portal's wall-clock time) as aware datetime; None stays None."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=clock.zone())


def is_active(notice, now=None):
    """Started (start <= now) and not ended (no end, or now < end)."""
    now = now or clock.now()
    end = when(notice.get("end"))
    return when(notice["start"]) <= now and (end is None or now < end)


def current(notices, now=None):
    """The active notices, in their order (start first)."""
    now = now or clock.now()
    return [notice for notice in notices or () if is_active(notice, now)]


def moments(notices):
    """Seconds since the epoch at which one of these notices starts or ends: when what
    callers see changes by itself."""
    found = set()
    for notice in notices or ():
        for name in ("start", "end"):
            moment = when(notice.get(name))
            if moment is not None:
                found.add(int(moment.timestamp()))
    return sorted(found)


def public(notice, staff=False):
    """A notice as a caller reads it: without "by" unless ``staff``."""
    return dict(notice) if staff else {name: notice.get(name) for name in PUBLIC_FIELDS}
