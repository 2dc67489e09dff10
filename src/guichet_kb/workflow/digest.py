"""The reminder digest goes out once a day per site, whichever instance is asked.

`guichet-kb remind` (cron) may run on every host of a cluster, or twice by
mistake: the digest claims its day in the database. POST @review-reminders reads
the last claim; if it is for today (the portal's calendar day, guichet_kb.clock)
nothing is sent. Otherwise the claim is written in the same transaction that
queues the mail, and the mail leaves only once that transaction has committed
(workflow/notify.py). Two calls racing on two instances both write the claim
(the same annotation key, then the same object), which ZODB cannot merge: one
commit raises ConflictError, Zope retries that request, and the retry sees the
claim. A Site Administrator may still force a second digest (`--force`).

A day is claimed only when a digest was actually sent, so a day with nothing to
re-check is tried again by the next call.
"""

from guichet_kb import clock
from guichet_kb.annotations import site_store
from persistent.mapping import PersistentMapping


KEY = "guichet_kb.review_digest"


def _claims(create):
    return site_store(KEY, PersistentMapping if create else None)


def period():
    """The period one digest covers: today's date in the portal's zone (ISO)."""
    return clock.today().isoformat()


def sent_today():
    """When today's digest was sent (ISO date and time), or None."""
    claims = _claims(create=False)
    if claims is None or claims.get("period") != period():
        return None
    return claims.get("sent_at")


def claim():
    """Record that today's digest is being sent (in the sending transaction); its moment."""
    when = clock.now().isoformat(timespec="seconds")
    claims = _claims(create=True)
    claims["period"], claims["sent_at"] = period(), when
    return when
