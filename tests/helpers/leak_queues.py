"""The leak matrix's queues (issue 19): every way a hidden sheet or desk could reach a
citizen through a walk-in queue. For each hidden kind:

- `published_for_hidden_sheet`: at the demo desk, a published queue serving only the
  kind's hidden sheet: its own JSON and the desk's never name that sheet;
- `at_hidden_desk`: at the kind's hidden desk, a published queue serving the kind's
  hub sheet: the hub's JSON never lists it (nor its desk).

The hidden queues themselves are fixtures of their own (leak_fixtures.TYPES["queue"]:
their markers in their titles, at the demo desk for their hub).
"""

from leak_agendas import fixture_of
from leak_fixtures import DEMO_DESK
from leak_fixtures import KINDS
from leak_fixtures import queue_links


FOLDER = "guichets"


def _path(role, kind):
    return f"{FOLDER}/leak-file-{role}-{kind}"


def published_for_hidden_sheet(kind):
    return _path("fiche", kind)


def at_hidden_desk(kind):
    return _path("guichet", kind)


def build(layer):
    """Called by the layer as a Manager, before its commit."""
    for kind in KINDS:
        sheet, desk = fixture_of(kind, "sheet"), fixture_of(kind, "desk")
        relay = {"title": f"File relais ({kind})", **queue_links(layer._uid, kind, DEMO_DESK, sheet.path)}
        layer._publish(layer._create(published_for_hidden_sheet(kind), "Queue", relay))
        at_desk = {"title": f"File du guichet ({kind})", **queue_links(layer._uid, kind, desk.path)}
        layer._publish(layer._create(at_hidden_desk(kind), "Queue", at_desk))


def hidden_queue(kind):
    """The kind's hidden queue (a fixture of leak_fixtures.TYPES["queue"])."""
    return fixture_of(kind, "queue").path
