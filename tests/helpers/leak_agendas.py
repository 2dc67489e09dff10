"""The leak matrix's agendas (issue 18): every way a hidden sheet, desk or agenda could
reach a citizen through booking. For each hidden kind:

- `PUBLISHED_FOR_HIDDEN_SHEET`: at the demo desk, a published agenda serving only the
  kind's hidden sheet: that sheet is never offered (`@slots`, the desk's « Pour quelle
  démarche ? », the booking pages);
- `AT_HIDDEN_DESK`: at the kind's hidden desk, a published agenda serving the kind's hub
  sheet: the hub is never offered at that desk;
- `HIDDEN_AGENDA`: at the demo desk, an agenda in the kind's hidden state (no working
  copy of an agenda: a draft one for "copy") serving the hub, its type labelled with
  the hidden desk's marker: a hidden agenda's type shown would be a marker found.

The agendas carry no marker of their own in their ids (the matrix would not look for
it): what must not show is the hidden items' markers, ids and UIDs.
"""

from DateTime import DateTime
from leak_fixtures import COMMENT
from leak_fixtures import DEMO_DESK
from leak_fixtures import FIXTURES
from leak_fixtures import hub_path
from leak_fixtures import KINDS
from plone import api


FOLDER = "guichets"
TYPE_CODE = "rdv-relais"


def _path(role, kind):
    return f"{FOLDER}/leak-agenda-{role}-{kind}"


def published_for_hidden_sheet(kind):
    return _path("fiche", kind)


def at_hidden_desk(kind):
    return _path("guichet", kind)


def hidden_agenda(kind):
    return _path("cache", kind)


def fixture_of(kind, short):
    """The kind's fixture of that type (also leak_queues.py)."""
    return next(f for f in FIXTURES if f.kind == kind and f.short == short)


def _data(layer, title, desk, service, label="Rendez-vous relais"):
    return {
        "title": title,
        "desk": layer._uid(desk),
        "appointment_types": [{"code": TYPE_CODE, "label": label, "service": layer._uid(service), "duration": 20}],
        "counters": [{"code": "poste-1", "label": "Poste 1", "types": ""}],
        "min_lead_hours": 0,
    }


def _hide(obj, kind):
    """The kind's state for an agenda (as leak_layer does for the catalogue items)."""
    now = DateTime()
    if kind == "expired":
        obj.effective_date, obj.expiration_date = now - 20, now - 10
    elif kind == "future":
        obj.effective_date = now + 30
    if kind not in ("draft", "copy"):
        api.content.transition(obj, transition="submit")
    if kind in ("archived", "expired", "future"):
        api.content.transition(obj, transition="publish", comment=COMMENT)
    if kind == "archived":
        api.content.transition(obj, transition="archive", comment=COMMENT)
    obj.reindexObject()


def build(layer):
    """Called by the layer as a Manager, before its commit."""
    for kind in KINDS:
        sheet, desk = fixture_of(kind, "sheet"), fixture_of(kind, "desk")
        layer._publish(layer._create(published_for_hidden_sheet(kind), "Agenda", _data(layer, f"Agenda relais ({kind})", DEMO_DESK, sheet.path)))
        layer._publish(layer._create(at_hidden_desk(kind), "Agenda", _data(layer, f"Agenda du guichet ({kind})", desk.path, hub_path(kind))))
        hidden = layer._create(hidden_agenda(kind), "Agenda", _data(layer, f"Agenda caché ({kind})", DEMO_DESK, hub_path(kind), label=desk.marker))
        _hide(hidden, kind)
