"""`summary(start, end)`: per item, what citizens and agents said over a period, for
the dashboard's content gaps panel. Spam is left out; merged duplicates count as
many times as they came; plain "useful" votes count too."""

from datetime import datetime
from datetime import time
from guichet_kb import clock
from guichet_kb.facts import CATALOGUE_TYPES
from guichet_kb.interactions import store as reports
from guichet_kb.stats import store as feedback
from guichet_kb.triage.items import status_of
from plone import api


COUNTS = ("not_useful", "useful", "reports_incorrect", "reports_no_answer")


def _in_period(pairs, start, end):
    """Records of local days start..end (inclusive), spam left out."""
    first, last = start.isoformat(), end.isoformat()
    for _key, record in pairs:
        if first <= record["date"] <= last and status_of(record) != "spam":
            yield record


def summary(start, end):
    """[{"uid", "title", "url", "not_useful", "useful", "reports_incorrect",
    "reports_no_answer"}] for the items (sheets, answers) the caller may see that were
    answered or reported between the dates ``start`` and ``end`` (inclusive), the
    most "not useful" first."""
    since = datetime.combine(start, time(), tzinfo=clock.zone())
    counts = {}
    for record in _in_period(feedback.feedback_items(since=since), start, end):
        row = counts.setdefault(record["uid"], dict.fromkeys(COUNTS, 0))
        row["useful" if record["useful"] else "not_useful"] += record.get("count", 1)
    for record in _in_period(reports.report_items(since=since), start, end):
        row = counts.setdefault(record["uid"], dict.fromkeys(COUNTS, 0))
        row[f"reports_{record['kind']}"] += record.get("count", 1)
    brains = api.content.find(UID=list(counts), portal_type=CATALOGUE_TYPES) if counts else ()
    rows = [{"uid": brain.UID, "title": brain.Title, "url": brain.getURL(), **counts[brain.UID]} for brain in brains]
    return sorted(rows, key=lambda row: (-row["not_useful"], -row["reports_incorrect"] - row["reports_no_answer"], row["title"]))
