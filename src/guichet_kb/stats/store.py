"""Counters and feedback kept in the site's annotations.

Feedback entries (a LOBTree keyed by milliseconds x 1000 + 3 random digits, so
time-ordered: the retention purge is a range delete) hold the sheet's UID, the
answer, a comment already screened by triage/intake.py (personal data replaced at
write time), the local day, and the triage fields (triage/items.py): how many
duplicates were merged into it, when the last came, its status and who set it.
No visitor address, no user id.
"""

from BTrees.Length import Length
from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.annotations import site_store
import random


VIEWS = "guichet_kb.page_views"
FEEDBACK = "guichet_kb.feedback"
SPAM = "guichet_kb.feedback_spam"  # the keys of entries marked spam (triage): few
MAX_COMMENT = 500
WINDOW_DAYS = 30


def _tree(key, factory):
    """The store, created on the first write (POST) only."""
    return site_store(key, factory)


def _read(key):
    """The store or an empty mapping: a read (GET) never creates it."""
    return site_store(key) or {}


def count_view(uid, day=None, views=1):
    days = _tree(VIEWS, OOBTree)
    per_sheet = days.get(uid)
    if per_sheet is None:
        per_sheet = days[uid] = OOBTree()
    ordinal = (day or clock.today()).toordinal()
    counter = per_sheet.get(ordinal)
    if counter is None:
        counter = per_sheet[ordinal] = Length()
    counter.change(views)


def popularity(uid, today=None):
    """Views of the last 30 days, recent days weighing more (linear decay)."""
    per_sheet = _read(VIEWS).get(uid)
    if not per_sheet:
        return 0.0
    end = (today or clock.today()).toordinal()
    score = 0.0
    for ordinal, counter in per_sheet.items(min=end - WINDOW_DAYS + 1, max=end):
        score += counter() * (1 - (end - ordinal) / WINDOW_DAYS)
    return score


def _feedback_key(when):
    """Entries are keyed by their moment (milliseconds x 1000 + 3 random digits): a day is one range read."""
    return int(when.timestamp() * 1000) * 1000


def add_feedback(uid, useful, comment, personal=False, when=None):
    """Store one entry; its key (the stable part of its triage id). ``when``: the moment
    (aware) of a generated or imported answer, else now."""
    now = clock.local(when) if when is not None else clock.now()
    key = _feedback_key(now) + random.randrange(1000)
    entries = _tree(FEEDBACK, LOBTree)
    while key in entries:
        key += 1
    entries[key] = {
        "uid": uid,
        "useful": bool(useful),
        "comment": (comment or "")[:MAX_COMMENT],
        "date": now.date().isoformat(),
        "personal": bool(personal),
        "count": 1,
        "last": now.isoformat(),
    }
    return key


def feedback_items(since=None):
    """(key, entry) pairs, oldest first; from the moment ``since`` when given."""
    entries = _read(FEEDBACK)
    if not entries:
        return []
    return [(key, dict(value)) for key, value in (entries.items(min=_feedback_key(since)) if since else entries.items())]


def feedback_entry(key):
    """The entry of this key (a copy), or None."""
    value = _read(FEEDBACK).get(key)
    return dict(value) if value is not None else None


def update_feedback(key, **changes):
    """Merge ``changes`` into the entry of this key (a new dict: the LOBTree sees the write).
    An entry marked spam (triage) is listed in SPAM too, so that figures read from the
    aggregates take it out without scanning every entry (`spam_between`)."""
    entries = _tree(FEEDBACK, LOBTree)
    entry = entries[key] = {**entries[key], **changes}
    spam = _tree(SPAM, LOBTree) if entry.get("status") == "spam" else site_store(SPAM)
    if entry.get("status") == "spam":
        spam[key] = {k: entry[k] for k in ("uid", "useful", "date")} | {"count": entry.get("count", 1)}
    elif spam is not None and key in spam:
        del spam[key]


def spam_between(start, end):
    """The feedback entries marked spam of local days start..end (dates, inclusive)."""
    first, last = start.isoformat(), end.isoformat()
    return [dict(v) for v in _read(SPAM).values() if first <= v["date"] <= last]


def purge_feedback(before):
    """Delete the entries older than the moment ``before`` (their triage state with them); how many."""
    entries = site_store(FEEDBACK)
    if not entries:
        return 0
    old = list(entries.keys(max=_feedback_key(before), excludemax=True))
    spam = site_store(SPAM) or {}
    for key in old:
        del entries[key]
        if key in spam:
            del spam[key]
    return len(old)


def feedback_for(uid=None):
    return [dict(v) for v in _read(FEEDBACK).values() if uid is None or v["uid"] == uid]


def viewed_uids():
    """UIDs of the sheets with counted views."""
    return list(_read(VIEWS).keys())


def feedback_on(day):
    """The feedback entries of one local day (the daily job's and the dashboard's reader)."""
    from guichet_kb.stats.cubes import day_start

    entries = _read(FEEDBACK)
    if not entries:
        return []
    low, high = _feedback_key(day_start(day)), _feedback_key(day_start(day + timedelta(days=1)))
    return [dict(v) for v in entries.values(min=low, max=high, excludemax=True)]


def view_days():
    """(sheet UID, {date ordinal: Length}) for every sheet with counted views."""
    return _read(VIEWS).items()
