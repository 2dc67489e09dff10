"""The dashboard's panels, in the order they are shown: PANELS ((id, function), ...).

A panel is `function(scope) -> dict` (scope: period.Scope: `.start`, `.end`,
`.previous_start`, `.previous_end` (dates, inclusive), `.filters` (dimension ->
value, checked), `.unit` ("day" | "week" | "month"), `.portal`) returning

    {"id", "title" (French), "columns": [{"id", "title"}],
     "rows": [{column id: value, ..., optional "url"}],  (and "uid": a row about an item the caller may see)
     "chart": {"kind": "bars" | "line" | "stacked" | "none", "x": column id, "series": [column ids]},
     "note": optional}

built with shape.panel. The same rows feed the JSON, the page's table and SVG chart
and the CSV export: no figure is computed twice. Other parts add their panels at
the END of PANELS.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.dashboard import appointments
from guichet_kb.dashboard import freshness
from guichet_kb.dashboard import gaps
from guichet_kb.dashboard import outcomes
from guichet_kb.dashboard import queue
from guichet_kb.dashboard import traffic


PANELS = (
    ("channels", traffic.channels),
    ("trend", traffic.trend),
    ("outcomes", outcomes.outcomes),
    ("unanswered_services", outcomes.unanswered_services),
    ("content_gaps", gaps.content_gaps),
    ("top_services", outcomes.top_services),
    ("hours", traffic.hours),
    ("week_hours", traffic.week_hours),
    ("desks", traffic.desks),
    ("freshness", freshness.freshness),
    ("appointments", appointments.appointments),
    ("queue", queue.queue),
)


def ids():
    return tuple(id for id, _function in PANELS)


def one(id):
    """The function of the panel `id`; 400 naming the panels when there is none."""
    for found, function in PANELS:
        if found == id:
            return function
    raise Refused(400, _("error_dashboard_panel", default="'panel' must be one of: ${allowed}.", mapping={"allowed": ", ".join(ids())}))


def build(scope, only=None):
    """The panel dicts for this scope: all of them, or the one named `only`."""
    chosen = [(only, one(only))] if only is not None else PANELS
    return [function(scope) for _id, function in chosen]
