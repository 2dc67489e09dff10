"""How long reviews take: the delay from submission to publication, recorded when it ends.

The dashboard's freshness panel (dashboard/freshness.py) shows the median time from
a submission to its publication over a period. Reading it back from each item's
review history would wake every item published in the period (its workflow
history lives on the object): measured on the demo (68 sheets and answers, in-memory
test storage), 24 ms cold and 4 ms warm, 0.36 ms an item — 300 sheets would cost
about 110 ms of the dashboard's 500 ms at every render before any disk or network
latency (RelStorage), growing with the catalogue. Recording it here at publish time
costs one insert then, and a period is one range read of a small tree whatever the
catalogue's size.

When: a sheet (any catalogue item) is published after a submission (the
`publish` transition, workflow/subscribers.py order: after the publish guard), or a
submitted working copy is checked in (plone.app.iterate's check-in event, after the
check-in guard). A publication with no submission of its own round (an
administrator publishing a draft directly, a re-publication after a retraction)
records nothing: there is no review delay to measure. Nor does a publication by the
round's own submitter (a recorded four-eyes override, the demo loader, an
administrator's import with --publish): nobody else reviewed it.

What is kept: per publication, the moment (as the key), the responsible
department's UID (or "") and the seconds from the submission: no user id, no text.
Where: one LOBTree annotated on the site (created on the first publication: no
upgrade step), keyed like the interaction log (microseconds x 1024 + 10 random
bits), so two reviewers publishing at once insert different keys that BTrees
merge. How long: for good. It holds no personal data, and a few thousand
publications a year are a few hundred kilobytes.
"""

from BTrees.LOBTree import LOBTree
from datetime import datetime
from datetime import time
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.annotations import site_store
from guichet_kb.interactions.store import _insert
from guichet_kb.interactions.store import _low
from guichet_kb.interactions.store import _moment
from plone import api


KEY = "guichet_kb.publication_delays"
ROUND_ENDS = ("publish", "reject", "retract")  # a submission before one of these is not the current round's


def _submission(obj, skip_current):
    """The history entry submitting the current review round, or None when it had none."""
    history = list(reversed(obj.workflow_history.get("guichet_review_workflow", ())))
    for entry in history[1:] if skip_current else history:
        action = entry.get("action")
        if action == "submit":
            return entry
        if action in ROUND_ENDS:
            return None
    return None


def _department(obj):
    department = getattr(obj, "department", None)
    target = getattr(department, "to_object", None) if department is not None else None
    return target.UID() if target is not None else ""


def record(obj, submitted):
    """Store one publication of `obj` submitted at `submitted` (aware datetime)."""
    now = clock.now()
    seconds = max(0, int((now - submitted).total_seconds()))
    _insert(site_store(KEY, LOBTree), now, (_department(obj), seconds))


def _reviewed(obj, submission, publisher):
    """Record the round's delay when someone else than its submitter ended it."""
    if submission is not None and submission.get("actor") != publisher:
        record(obj, submission["time"].asdatetime())


def after_transition(obj, event):
    """A publication ends a review round: record its delay (subscriber)."""
    if event.transition is not None and event.transition.id == "publish":
        _reviewed(obj, _submission(obj, skip_current=True), api.user.get_current().getId())


def before_checkin(working_copy, event):
    """A working copy's check-in publishes its changes: record the delay from its submission."""
    _reviewed(working_copy, _submission(working_copy, skip_current=False), api.user.get_current().getId())


def _edge(day):
    return datetime.combine(day, time(0), tzinfo=clock.zone())


def between(start, end):
    """(department UID or "", seconds) of the publications of local days start..end (inclusive)."""
    tree = site_store(KEY)
    if tree is None:
        return []
    low, high = _low(_edge(start)), _low(_edge(end + timedelta(days=1)))
    return [value for value in tree.values(min=low, max=high, excludemax=True)]


def first_day():
    """The local day of the first publication recorded, or None (the panel says since when)."""
    tree = site_store(KEY)
    return clock.local(_moment(tree.minKey())).date() if tree else None
