"""Outcome panels: first-contact resolution, orientations (to whom), not answered;
the most requested services and those most often not answered.

From the daily aggregates only (stats/cubes.py `query`), for the period and the
previous one. Shares are of all the interactions of the period (filters applied).
"""

from guichet_kb import _
from guichet_kb import facts
from guichet_kb.dashboard import labels
from guichet_kb.dashboard.shape import chart
from guichet_kb.dashboard.shape import panel
from guichet_kb.dashboard.shape import request
from guichet_kb.dashboard.traffic import both
from guichet_kb.dashboard.traffic import CHANGE
from guichet_kb.dashboard.traffic import compared
from guichet_kb.dashboard.traffic import COUNT
from guichet_kb.dashboard.traffic import PREVIOUS
from guichet_kb.stats import cubes


OUTCOME_LINES = {
    "answered": _("dashboard_answered", default="Answered at first contact"),
    "redirected": _("dashboard_redirected", default="Redirected (orientation)"),
    "not_answered": _("dashboard_not_answered", default="Not answered"),
}


def to_whom(title):
    return _("dashboard_redirected_to", default="Redirected to: ${organisation}", mapping={"organisation": title})


def _line(label, count, total, previous, previous_total):
    return {
        "outcome": label,
        "count": count,
        "share": labels.share(count, total),
        "previous": previous,
        "previous_share": labels.share(previous, previous_total),
    }


def outcomes(scope):
    req = request()
    now, before = both(scope, ("outcome", "organisation"))
    total, previous_total = sum(now.values()), sum(before.values())

    def of(counter, token):
        return sum(count for (outcome, _body), count in counter.items() if outcome == token)

    bodies = sorted({body for outcome, body in (*now, *before) if outcome == "redirected"})
    items = labels.Items(bodies, req)
    rows = []
    for token in facts.OUTCOMES:
        label = labels.text(OUTCOME_LINES[token], req) if token in OUTCOME_LINES else labels.outcome(token, req)
        rows.append(_line(label, of(now, token), total, of(before, token), previous_total))
        if token == "redirected":
            found = [(body, now[token, body], before[token, body]) for body in bodies]
            for body, count, previous in sorted(found, key=lambda line: (-line[1], -line[2], items.title(line[0], "organisation"))):
                name = labels.text(to_whom(items.title(body, "organisation")), req)
                rows.append({**_line(name, count, total, previous, previous_total), **items.links(body)})
    columns = [
        ("outcome", _("dashboard_col_outcome", default="Outcome")),
        COUNT,
        ("share", _("dashboard_col_share", default="Share (%)")),
        PREVIOUS,
        ("previous_share", _("dashboard_col_previous_share", default="Previous share (%)")),
    ]
    title = _("dashboard_outcomes", default="Outcomes: answered, redirected, not answered")
    return panel("outcomes", title, columns, rows, chart("bars", "outcome", "share", "previous_share"))


def _service_rows(scope, now, before, totals=None):
    items = labels.Items({key[0] for key in now}, request())
    ranked = sorted(now, key=lambda key: (-now[key], -before[key], items.title(key[0], "service")))[: facts.DASHBOARD_TOP]
    rows = []
    for (uid,) in ranked:
        row = {"service": items.title(uid, "service"), **compared(now[(uid,)], before[(uid,)])}
        if totals is not None:
            row["requests"] = totals[(uid,)]
            row["rate"] = labels.share(now[(uid,)], totals[(uid,)])
        row.update(items.links(uid))
        rows.append(row)
    return rows


def top_services(scope):
    now, before = both(scope, ("service",))
    now.pop(("",), None)  # calls about no sheet are not a service's demand
    rows = _service_rows(scope, now, before)
    columns = [("service", _("dashboard_col_service", default="Service")), COUNT, PREVIOUS, CHANGE]
    title = _("dashboard_top_services", default="Most requested services")
    return panel("top_services", title, columns, rows, chart("bars", "service", "count", "previous"))


def unanswered_services(scope):
    wanted = {**scope.filters, "outcome": "not_answered"}
    now = cubes.query(scope.start, scope.end, ("service",), wanted)
    before = cubes.query(scope.previous_start, scope.previous_end, ("service",), wanted)
    totals = cubes.query(scope.start, scope.end, ("service",), scope.filters)
    rows = _service_rows(scope, now, before, totals)
    columns = [
        ("service", _("dashboard_col_service", default="Service")),
        ("count", _("dashboard_col_not_answered", default="Not answered")),
        PREVIOUS,
        CHANGE,
        ("requests", _("dashboard_col_requests", default="All interactions")),
        ("rate", _("dashboard_col_rate", default="Not answered (%)")),
    ]
    title = _("dashboard_unanswered_services", default="Services most often not answered")
    note = _("dashboard_unanswered_note", default="A question without a sheet is counted on its own line.")
    return panel("unanswered_services", title, columns, rows, chart("bars", "service", "count", "previous"), note)
