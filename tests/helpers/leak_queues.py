"""The leak matrix's queues (issue 19): every way a hidden sheet or desk could reach a
citizen through a walk-in queue. For each hidden kind:

- `published_for_hidden_sheet`: at the demo desk, a published queue serving only the
  kind's hidden sheet: its own JSON and the desk's never name that sheet;
- `at_hidden_desk`: at the kind's hidden desk, a published queue serving the kind's
  hub sheet: the hub's JSON never lists it (nor its desk).

The hidden queues themselves are fixtures of their own (leak_fixtures.TYPES["queue"]:
their markers in their titles, at the demo desk for their hub).

Each of those two queues holds a waiting ticket of the day, stored through the core
(`ticket_name`: "fiche-<kind>" is the one of the hidden sheet, "guichet-<kind>" the one
at the hidden desk). Their codes and link tokens are only known once the layer is
built: `TICKETS` records them, and the reads name them as ``{ticket:<name>}`` (the code)
and ``{ticket-token:<name>}`` (the token), filled at run time by `fill`.
"""

from leak_agendas import fixture_of
from leak_fixtures import DEMO_DESK
from leak_fixtures import KINDS
from leak_fixtures import queue_links
import re


FOLDER = "guichets"
TICKETS = {}  # name -> (code, token), filled by build
PLACEHOLDER = re.compile(r"\{(ticket|ticket-token):([a-z-]+)\}")


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
        for role in ("fiche", "guichet"):
            _issue(layer._get(_path(role, kind)), ticket_name(role, kind))


def ticket_name(role, kind):
    """The name of the waiting ticket of the queue ``role`` ("fiche" or "guichet") of ``kind``."""
    return f"{role}-{kind}"


def _issue(queue, name):
    """A waiting ticket of today in ``queue``, stored directly (the desk's hours aside)."""
    from guichet_kb import clock
    from guichet_kb.queues import links
    from guichet_kb.queues import store
    from guichet_kb.queues.lines import rules_of
    from guichet_kb.queues.ticket import Contact

    rules = rules_of(queue)
    ticket = store.line_of(queue, create=True).issue(rules, rules.services[0].prefix, Contact(), "agent", None, clock.now())
    TICKETS[name] = (ticket.code, links.token_of(ticket))


def fill(text):
    """``text`` with its ``{ticket:<name>}`` and ``{ticket-token:<name>}`` placeholders filled."""
    return PLACEHOLDER.sub(lambda match: TICKETS[match.group(2)][match.group(1) == "ticket-token"], text)


def ticket_names():
    return [ticket_name(role, kind) for kind in KINDS for role in ("fiche", "guichet")]


def hidden_queue(kind):
    """The kind's hidden queue (a fixture of leak_fixtures.TYPES["queue"])."""
    return fixture_of(kind, "queue").path
