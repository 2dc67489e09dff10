"""Panel `freshness`: is the catalogue kept up to date, by responsible department.

Per department (the sheet's « service responsable »; items without one together),
the total first:
- now (not the period: a backlog is a state): published items past their review
  date, items flagged « à revérifier » (a shared fact changed), items waiting for a
  reviewer (submitted, working copies included) with the age of the oldest and the
  median age in days since their submission;
- over the period and the previous one: the publications after a review and the
  median days from submission to publication (workflow/delays.py records each
  publication's delay when it happens, so no item is woken for it).

Counts come from the catalog (next_review_date, review_flagged, review_state and
department_uid indexes) without waking items; only the pending items are woken for
their submission date (the review queue does the same, and they are few). Every item
counts, whatever the caller may view: these are figures, the titles shown are the
departments'. The scope's filters do not apply (items have no desk nor channel).
"""

from DateTime import DateTime
from datetime import timedelta
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.dates.words import long_date
from guichet_kb.facts import CATALOGUE_TYPES
from guichet_kb.workflow import delays
from guichet_kb.workflow import review
from plone import api
from statistics import median
from zope.globalrequest import getRequest
from zope.i18n import translate


COLUMNS = (
    ("department", _("freshness_column_department", default="Responsible department")),
    ("overdue", _("freshness_column_overdue", default="Reviews overdue")),
    ("flagged", _("freshness_column_flagged", default="To re-check")),
    ("pending", _("freshness_column_pending", default="Awaiting review")),
    ("oldest_pending_days", _("freshness_column_oldest", default="Oldest wait (days)")),
    ("median_pending_days", _("freshness_column_median_wait", default="Median wait (days)")),
    ("publications", _("freshness_column_publications", default="Publications after review")),
    ("median_publication_days", _("freshness_column_median_delay", default="Median submission to publication (days)")),
    ("previous_median_publication_days", _("freshness_column_previous_delay", default="Previous period (days)")),
)
DAY = 86400


def _t(message):
    return translate(message, context=getRequest())


def _by_department(catalog, **query):
    """{department UID or "": [brains]} of an unrestricted catalog query over the catalogue's types."""
    index = catalog.Indexes["department_uid"]
    found = {}
    for brain in catalog.unrestrictedSearchResults(portal_type=CATALOGUE_TYPES, **query):
        found.setdefault(index.getEntryForObject(brain.getRID(), default="") or "", []).append(brain)
    return found


def _days(values):
    return round(median(values) / DAY, 1) if values else None


def _pending_ages(brains, today):
    ages = []
    for brain in brains:
        submitted = review.last_submission(brain._unrestrictedGetObject()).get("time")
        if submitted is not None:
            ages.append((today - clock.local(submitted.asdatetime()).date()).days)
    return ages


def _figures(scope):
    catalog = api.portal.get_tool("portal_catalog")
    today = clock.today()
    due = {"query": DateTime((today - timedelta(days=1)).isoformat()), "range": "max"}
    overdue = _by_department(catalog, review_state="published", next_review_date=due)
    flagged = _by_department(catalog, review_flagged=True)
    pending = {uid: _pending_ages(brains, today) for uid, brains in _by_department(catalog, review_state="pending").items()}
    now, before = {}, {}
    for target, start, end in ((now, scope.start, scope.end), (before, scope.previous_start, scope.previous_end)):
        for department, seconds in delays.between(start, end):
            target.setdefault(department, []).append(seconds)
    departments = set(overdue) | set(flagged) | set(pending) | set(now) | set(before)
    return {
        uid: {
            "overdue": len(overdue.get(uid, ())),
            "flagged": len(flagged.get(uid, ())),
            "pending": pending.get(uid, []),
            "now": now.get(uid, []),
            "before": before.get(uid, []),
        }
        for uid in departments
    }


def _row(name, figures):
    pending = figures["pending"]
    return {
        "department": name,
        "overdue": figures["overdue"],
        "flagged": figures["flagged"],
        "pending": len(pending),
        "oldest_pending_days": max(pending) if pending else None,
        "median_pending_days": median(pending) if pending else None,
        "publications": len(figures["now"]),
        "median_publication_days": _days(figures["now"]),
        "previous_median_publication_days": _days(figures["before"]),
    }


def _titles(uids):
    catalog = api.portal.get_tool("portal_catalog")
    uids = [uid for uid in uids if uid]
    return {brain.UID: (brain.Title, brain.getURL()) for brain in catalog.unrestrictedSearchResults(UID=uids)} if uids else {}


def freshness(scope):
    """The panel (dashboard contract): the total, then departments with most to re-check first."""
    figures = _figures(scope)
    total = {key: [] if key in ("pending", "now", "before") else 0 for key in ("overdue", "flagged", "pending", "now", "before")}
    for values in figures.values():
        for key, value in values.items():
            total[key] = total[key] + value
    titles = _titles(figures)
    rows = [_row(_t(_("freshness_all", default="All departments")), total)]
    order = sorted(
        figures, key=lambda uid: (-(figures[uid]["overdue"] + figures[uid]["flagged"]), -len(figures[uid]["pending"]), titles.get(uid, ("~",))[0])
    )
    for uid in order:
        title, url = titles.get(uid) or (_t(_("freshness_no_department", default="No responsible department")), None)
        rows.append({**_row(title, figures[uid]), **({"url": url} if url else {})})
    first = delays.first_day()
    note = _("freshness_note", default="Overdue, flagged and pending items: today. Publications: over the period and the previous one.")
    if first is None or first > scope.previous_start:
        note = _(
            "freshness_note_since",
            default="${note} Delays are recorded since ${date}.",
            mapping={"note": _t(note), "date": long_date(first or clock.today(), getRequest())},
        )
    return {
        "id": "freshness",
        "title": _t(_("panel_freshness", default="Freshness: reviews by responsible department")),
        "columns": [{"id": id, "title": _t(title)} for id, title in COLUMNS],
        "rows": rows,
        "chart": {"kind": "stacked", "x": "department", "series": ["overdue", "flagged", "pending"]},
        "note": _t(note),
    }
