"""The site's search logs: record a settled search, compact, purge, read.

One persistent `layout.SearchLog` annotated on the site (created on the first
counted search: no upgrade step). `record` runs in the request's transaction
(POST @search-log): a retried request counts once. `compact` is one of the
daily jobs (stats/rollup.py DAILY_JOBS); `purge` runs with POST @interactions-purge.

What is stored: per local day, source ("agent", "public") and normalised key
(the query's stems, search/text.py `normalised`) the counters searches, no
result and (agents) opened, and once per key the query's folded words (its
label, for editors). Never the query as typed, an address, a user, a time
finer than the day. A query that may carry personal data (search/choices
screen.py `personal`: e-mail addresses, phone numbers, 5 digits or more, an
at-sign, a word of a user's name) is not kept: only the day's "screened"
counter of its source goes up, with no text. A query with no word left once
normalised (stop words, punctuation, emoji) is counted nowhere. Kept for the
interaction log's retention (control panel, months): `purge` drops older days.
"""

from guichet_kb import clock
from guichet_kb.annotations import site_store
from guichet_kb.facts import SEARCH_SOURCES
from guichet_kb.interactions import store as interactions
from guichet_kb.search.choices import screen
from guichet_kb.search.logs import layout
from guichet_kb.search.logs import reading
from guichet_kb.search.text import normalised
from guichet_kb.search.text import words


KEY = "guichet_kb.search_logs"
GAPS_LIMIT = 20


def container(create=False):
    return site_store(KEY, layout.SearchLog if create else None)


def record(query, source, results, opened=False):
    """Count one settled search; "counted", "screened" or "dropped" (no words)."""
    key = normalised(query or "")
    if not key:
        return "dropped"
    log, day = container(create=True), clock.today().toordinal()
    if screen.personal(query):
        layout.screen_out(log, day, source)
        return "screened"
    layout.count(log, day, source, key, " ".join(words(query)), results == 0, bool(opened))
    return "counted"


def compact(today=None):
    """The daily job's hook: closed days folded into plain counts (idempotent)."""
    log = container()
    day = (today or clock.today()).toordinal()
    folded = layout.compact(log, day) if log is not None else {"days": 0, "searches": 0}
    return {"search_logs": folded}


def _first_day():
    return interactions.cutoff().date().toordinal()


def purge():
    """Drop the days older than the interaction log's retention; how many days went."""
    log = container()
    return layout.purge(log, _first_day()) if log is not None else 0


def _period(start, end):
    """Day ordinals of [start, end] within retention, or None when nothing is kept of it."""
    first, last = max(start.toordinal(), _first_day()), end.toordinal()
    return (first, last) if first <= last else None


def gaps(start, end, source, limit=GAPS_LIMIT):
    """The queries of `source` most in want of content over [start, end] (dates,
    inclusive): [{"query": label, "searches", "no_result", "opened" (None for the
    public)}], the largest gap first (public: searches with no result; agents: searches
    where no result was opened), then the most searched; queries with no gap left out."""
    log, period = container(), _period(start, end)
    return reading.gaps(log, *period, source, limit) if log is not None and period is not None else []


def totals(start, end):
    """{source: {"searches", "no_result", "opened", "screened"}} over [start, end]
    (every source present; "opened" None for the public)."""
    log, period = container(), _period(start, end)
    found = reading.totals(log, *period) if log is not None and period is not None else {}
    reply = {}
    for source in SEARCH_SOURCES:
        searches, no_result, opened, screened = found.get(source, (0, 0, 0, 0))
        reply[source] = {"searches": searches, "no_result": no_result, "opened": opened if source == "agent" else None, "screened": screened}
    return reply
