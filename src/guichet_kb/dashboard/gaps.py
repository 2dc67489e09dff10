"""Panel `content_gaps`: what the desk could not answer, each line leading to a fix.

Lines, by kind in facts.GAP_KINDS order, each kind worst first and at most
GAPS_PER_KIND lines: calls logged « n'a pas pu répondre » per service (the
aggregates), agents' reports « information incorrecte » and « ne répond pas à la
question » per item, sheets with the worst "useful?" ratio (at least
FEEDBACK_MIN_ANSWERS answers in the period), agents' queries whose results nobody
opened, public searches with no result (the search logs). A line about an item
links to it; a line about a query links to a NEW service sheet whose title is the
query (the Classic UI add form, prefilled from `?title=`: browser/new_sheet.py).

Filters: the call lines follow every filter of the scope; feedback and reports
follow the service filter only (they have no desk, channel nor organisation); the
search lines are shown without a filter only (a query has no service yet).

Nothing personal: subjects are items' titles and queries the search logs kept
after screening; counts and ratios; no comment, no user.
"""

from guichet_kb import _
from guichet_kb.browser.new_sheet import TITLE_PARAMETER
from guichet_kb.dashboard import sources
from guichet_kb.facts import FEEDBACK_MIN_ANSWERS
from guichet_kb.facts import FOLDER_OF
from guichet_kb.facts import GAPS_PER_KIND
from plone import api
from urllib.parse import urlencode
from zope.globalrequest import getRequest
from zope.i18n import translate


KIND_TITLES = {
    "not_answered": _("gap_not_answered", default="Calls not answered"),
    "incorrect": _("gap_incorrect", default="Reported: incorrect information"),
    "no_answer": _("gap_no_answer", default="Reported: does not answer the question"),
    "not_useful": _("gap_not_useful", default="Judged not useful"),
    "agent_search": _("gap_agent_search", default="Agents' searches, no result opened"),
    "public_search": _("gap_public_search", default="Public searches without result"),
}
COLUMNS = (
    ("kind", _("gap_column_kind", default="Gap")),
    ("subject", _("gap_column_subject", default="Service or search")),
    ("count", _("gap_column_count", default="Count")),
    ("previous", _("gap_column_previous", default="Previous period")),
    ("detail", _("gap_column_detail", default="Detail")),
)
NO_SERVICE = _("gap_no_service", default="No particular service")


def _t(message):
    return translate(message, context=getRequest())


def items(uids):
    """{UID: (title, URL)} of the items the caller may see."""
    uids = [uid for uid in uids if uid]
    brains = api.portal.get_tool("portal_catalog")(UID=uids) if uids else ()
    return {brain.UID: (brain.Title, brain.getURL()) for brain in brains}


def new_sheet_url(portal, query):
    """The add form of a service sheet in the sheets' folder, its title prefilled with `query`."""
    return f"{portal.absolute_url()}/{FOLDER_OF['ServiceSheet']}/++add++ServiceSheet?{urlencode({TITLE_PARAMETER: query})}"


def _line(kind, subject, count, previous, detail="", url=None):
    row = {"kind": _t(KIND_TITLES[kind]), "subject": subject, "count": count, "previous": previous, "detail": detail}
    if url:
        row["url"] = url
    return row


def _item_subject(known, uid):
    if not uid:
        return _t(NO_SERVICE), None
    return known.get(uid) or (_t(_("gap_unknown_item", default="Deleted or hidden item")), None)


def _not_answered(scope):
    filters = {**scope.filters, "outcome": "not_answered"}
    now = sources.calls(scope.start, scope.end, ("service",), filters)
    before = sources.calls(scope.previous_start, scope.previous_end, ("service",), filters)
    worst = sorted(now.items(), key=lambda item: (-item[1], item[0][0] == "", item[0][0]))[:GAPS_PER_KIND]  # calls about no service last
    return [(key[0], count, before.get(key, 0)) for key, count in worst]


def _feedback(scope):
    only = scope.filters.get("service")
    now = {e["uid"]: e for e in sources.item_feedback(scope.start, scope.end) if not only or e["uid"] == only}
    before = {e["uid"]: e for e in sources.item_feedback(scope.previous_start, scope.previous_end)}
    return now, before


def _reports(kind, now, before):
    field = f"reports_{kind}"
    found = sorted((e for e in now.values() if e[field]), key=lambda e: (-e[field], e["uid"]))[:GAPS_PER_KIND]
    return [(e["uid"], e[field], before.get(e["uid"], {}).get(field, 0)) for e in found]


def _not_useful(now, before):
    rated = [e for e in now.values() if e["not_useful"] and e["useful"] + e["not_useful"] >= FEEDBACK_MIN_ANSWERS]
    rated.sort(key=lambda e: (e["useful"] / (e["useful"] + e["not_useful"]), -e["not_useful"], e["uid"]))
    return [(e, before.get(e["uid"], {}).get("not_useful", 0)) for e in rated[:GAPS_PER_KIND]]


def _searches(scope, source):
    if scope.filters:
        return []
    before = {g["query"]: g for g in sources.search_gaps(scope.previous_start, scope.previous_end, source, GAPS_PER_KIND * 5)}
    found = []
    for gap in sources.search_gaps(scope.start, scope.end, source, GAPS_PER_KIND):
        missed = (lambda g: g["searches"] - (g["opened"] or 0)) if source == "agent" else (lambda g: g["no_result"])
        previous = missed(before[gap["query"]]) if gap["query"] in before else 0
        detail = _t(_("gap_searches_detail", default="out of ${count} searches", mapping={"count": gap["searches"]}))
        found.append(_line(f"{source}_search", gap["query"], missed(gap), previous, detail, new_sheet_url(scope.portal, gap["query"])))
    return found


def content_gaps(scope):
    """The panel (dashboard contract): one row per gap, the kinds in order."""
    unanswered = _not_answered(scope)
    now, before = _feedback(scope)
    incorrect, no_answer = _reports("incorrect", now, before), _reports("no_answer", now, before)
    not_useful = _not_useful(now, before)
    known = items({uid for uid, _n, _p in unanswered + incorrect + no_answer} | {e["uid"] for e, _p in not_useful})
    rows = []
    for kind, lines in (("not_answered", unanswered), ("incorrect", incorrect), ("no_answer", no_answer)):
        for uid, count, previous in lines:
            subject, url = _item_subject(known, uid)
            rows.append(_line(kind, subject, count, previous, url=url))
    for entry, previous in not_useful:
        total = entry["useful"] + entry["not_useful"]
        mapping = {"useful": entry["useful"], "total": total, "percent": round(100 * entry["useful"] / total)}
        detail = _t(_("gap_useful_detail", default="${useful} useful out of ${total} answers (${percent} %)", mapping=mapping))
        subject, url = _item_subject(known, entry["uid"])
        rows.append(_line("not_useful", subject, entry["not_useful"], previous, detail, url))
    rows += _searches(scope, "agent") + _searches(scope, "public")
    return {
        "id": "content_gaps",
        "title": _t(_("panel_content_gaps", default="Content gaps: what could not be answered")),
        "columns": [{"id": id, "title": _t(title)} for id, title in COLUMNS],
        "rows": rows,
        "chart": {"kind": "bars", "x": "subject", "series": ["count", "previous"]},
        "note": _t(
            _(
                "gap_note",
                default="Calls follow every filter; feedback and reports follow the service filter only; searches are shown without filters. "
                "A sheet's usefulness counts from ${min} answers.",
                mapping={"min": FEEDBACK_MIN_ANSWERS},
            )
        ),
    }
