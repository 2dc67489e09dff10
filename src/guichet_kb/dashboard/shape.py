"""The panel dict of the contract (panels.py), built in one place.

`panel(id, title, columns, rows, chart, note)`: titles are translated here (the
request of the current call), columns given as (id, message) pairs.
"""

from guichet_kb.dashboard.labels import text
from zope.globalrequest import getRequest


CHART_KINDS = ("bars", "line", "stacked", "none")


def request():
    return getRequest()


def panel(id, title, columns, rows, chart=None, note=None):
    req = request()
    chart = chart or {"kind": "none", "x": columns[0][0], "series": []}
    assert chart["kind"] in CHART_KINDS, chart
    found = {
        "id": id,
        "title": text(title, req),
        "columns": [{"id": column, "title": text(label, req)} for column, label in columns],
        "rows": rows,
        "chart": chart,
    }
    if note is not None:
        found["note"] = text(note, req)
    return found


def chart(kind, x, *series):
    return {"kind": kind, "x": x, "series": list(series)}
