"""The monthly summary mailed to the desk's managers: last month at a glance.

`guichet-kb dashboard-summary` (cron, e.g. on the 1st of each month; POST
@dashboard-summary) sends it to every user holding the DeskManager role (« Responsable
d'accueil ») who has an e-mail address. Like the reviewers' digest
(workflow/digest.py), it goes out once per month per site whichever instance is
asked: the month is claimed in the database in the transaction that queues the mail,
the mail leaves only once that transaction has committed, two racing calls conflict
on the claim and Zope's retry sees it. `force` sends it again. A month is claimed only
when a mail was sent.

Figures (the last calendar month beside the month before): interactions by channel,
outcomes (answered, redirected, not answered), the services most often not answered,
the number of content gaps (dashboard/gaps.py) and of overdue reviews
(dashboard/freshness.py) — from the aggregates and the catalog, the same figures as
the dashboard. Nothing personal: counts, items' titles, the dashboard's link; no
comment, no query, no user. The mail itself is not kept.
"""

from datetime import date
from guichet_kb import clock
from guichet_kb.annotations import site_store
from guichet_kb.dashboard import sources
from guichet_kb.dashboard.freshness import freshness
from guichet_kb.dashboard.gaps import content_gaps
from guichet_kb.dashboard.gaps import items
from guichet_kb.dashboard.summary_mail import compose
from guichet_kb.dashboard.summary_mail import message
from guichet_kb.facts import CALL_CHANNELS
from guichet_kb.facts import OUTCOMES
from guichet_kb.facts import SUMMARY_TOP_UNANSWERED
from guichet_kb.permissions import DESK_MANAGER_ROLE
import logging
from persistent.mapping import PersistentMapping
from plone import api
import transaction


KEY = "guichet_kb.dashboard_summary"
logger = logging.getLogger(__name__)


def last_month(today=None):
    """The first day of the calendar month before today's (the portal's calendar)."""
    today = today or clock.today()
    return date(today.year - 1, 12, 1) if today.month == 1 else date(today.year, today.month - 1, 1)


def period():
    """The month one summary covers, "YYYY-MM"."""
    return last_month().isoformat()[:7]


def sent_already():
    """When this month's summary was sent (ISO date and time), or None."""
    claims = site_store(KEY)
    return claims.get("sent_at") if claims is not None and claims.get("period") == period() else None


def claim():
    when = clock.now().isoformat(timespec="seconds")
    claims = site_store(KEY, PersistentMapping)
    claims["period"], claims["sent_at"] = period(), when
    return when


def figures(portal, month):
    """The summary's figures for the calendar month starting on `month`."""
    scope = sources.month_scope(portal, month)
    now = sources.calls(scope.start, scope.end, ("channel",))
    before = sources.calls(scope.previous_start, scope.previous_end, ("channel",))
    outcomes = sources.calls(scope.start, scope.end, ("outcome",))
    unanswered = sources.calls(scope.start, scope.end, ("service",), {"outcome": "not_answered"}).most_common(SUMMARY_TOP_UNANSWERED)
    known = items([key[0] for key, _count in unanswered])
    return {
        "scope": scope,
        "total": sum(now.values()),
        "previous_total": sum(before.values()),
        "channels": [(c, now.get((c,), 0), before.get((c,), 0)) for c in CALL_CHANNELS if now.get((c,)) or before.get((c,))],
        "outcomes": [(o, outcomes.get((o,), 0)) for o in OUTCOMES],
        "unanswered": [(known.get(key[0], (None, None)), key[0], count) for key, count in unanswered],
        "gaps": len(content_gaps(scope)["rows"]),
        "overdue": freshness(scope)["rows"][0]["overdue"],
    }


def recipients():
    """E-mail addresses of the users holding the DeskManager role on the site."""
    emails = set()
    for user in api.user.get_users():
        if DESK_MANAGER_ROLE in api.user.get_roles(user=user):
            emails.add(user.getProperty("email") or "")
    return sorted(email for email in emails if email)


def _deliver(committed, messages):
    if not committed:
        return
    for recipient, subject, text, html in messages:
        try:
            api.portal.send_email(recipient=recipient, subject=subject, body=message(text, html), immediate=True)
        except Exception:
            logger.exception("Could not send %r to %s", subject, recipient)


def send(portal, force=False):
    """Send last month's summary unless sent already (or `force`); what was done."""
    month = last_month()
    answer = {"month": month.isoformat()[:7]}
    already = sent_already()
    if already and not force:
        return {**answer, "sent": 0, "already_sent": already}
    to = recipients()
    if not to or not api.portal.get_registry_record("plone.email_from_address", default=None):
        return {**answer, "sent": 0}
    subject, text, html = compose(portal, figures(portal, month))
    transaction.get().addAfterCommitHook(_deliver, args=([(recipient, subject, text, html) for recipient in to],))
    claim()
    return {**answer, "sent": len(to)}
