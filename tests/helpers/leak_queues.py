"""The leak matrix's queues (issue 19): every way a hidden sheet, desk or queue could reach
a citizen through GET @queues. For each hidden kind:

- `FOR_HIDDEN_SHEET`: at the demo desk, a published queue serving the kind's hub sheet
  (prefix A) and its hidden sheet (prefix B): the hidden sheet is never among its
  services;
- `AT_HIDDEN_DESK`: at the kind's hidden desk, a published queue serving the hub: never
  listed, nor readable by its UID;
- `HIDDEN_QUEUE`: at the demo desk, a queue in the kind's hidden state (a draft one for
  "copy") serving the hub, titled with the hidden desk's marker: a hidden queue shown
  would be a marker found.
"""

from leak_agendas import _fixture
from leak_agendas import _hide
from leak_fixtures import DEMO_DESK
from leak_fixtures import hub_path
from leak_fixtures import KINDS


FOLDER = "guichets"


def _path(role, kind):
    return f"{FOLDER}/leak-file-{role}-{kind}"


def for_hidden_sheet(kind):
    return _path("fiche", kind)


def at_hidden_desk(kind):
    return _path("guichet", kind)


def hidden_queue(kind):
    return _path("cache", kind)


def _data(layer, title, desk, services):
    return {
        "title": title,
        "desk": layer._uid(desk),
        "services": [{"service": layer._uid(path), "prefix": prefix, "minutes": 10} for path, prefix in services],
        "counters": [{"code": "poste-1", "label": "Poste 1", "prefixes": ""}],
    }


def build(layer):
    """Called by the layer as a Manager, before its commit."""
    for kind in KINDS:
        sheet, desk = _fixture(kind, "sheet"), _fixture(kind, "desk")
        hub = hub_path(kind)
        layer._publish(
            layer._create(for_hidden_sheet(kind), "Queue", _data(layer, f"File relais ({kind})", DEMO_DESK, [(hub, "A"), (sheet.path, "B")]))
        )
        layer._publish(layer._create(at_hidden_desk(kind), "Queue", _data(layer, f"File du guichet ({kind})", desk.path, [(hub, "A")])))
        hidden = layer._create(hidden_queue(kind), "Queue", _data(layer, desk.marker, DEMO_DESK, [(hub, "A")]))
        _hide(hidden, kind)
