"""The virtual queue at the desk on the command line (issue 19):

- ``guichet-kb queues [--desk]``: the published queues (GET @queues), one line each:
  people waiting, the estimated wait for a ticket taken now, the counters open; then
  who is at each open counter and the next numbers. (``queue`` is the reviewers' queue.)
- ``guichet-kb counter <desk> <code> [open|close|next|recall|no-show|done|transfer|priority] ...``:
  a counter's state (GET @queue-counter, no action) or one of its actions (POST
  @queue-counter): ``transfer <service UID> [--queue UID]``, ``priority <ticket number
  or code> <reason>|none``. Refusals print the site's one-line message and exit non-zero.

``<desk>`` and ``--desk`` are a desk's id or UID (agent/desk.py), GUICHET_DESK by
default for ``queues``. Numbers only: no e-mail nor phone is printed or kept.
"""

from guichet_kb.agent import counter_texts as words
from guichet_kb.agent import desk as my_desk
from guichet_kb.agent.client import ClientError
from guichet_kb.agent.output import print_json
from guichet_kb.facts import QUEUE_ACTIONS
from guichet_kb.facts import QUEUE_PRIORITY_REASONS


ACTIONS = tuple(action.replace("_", "-") for action in QUEUE_ACTIONS)  # no-show on the command line


def _wait(t, queue):
    if not queue.get("open"):
        return t(words.QUEUE_CLOSED, moment=t.moment(queue["opens_at"])) if queue.get("opens_at") else t(words.QUEUE_CLOSED_NOW)
    if queue.get("wait_minutes") is None:
        return t(words.QUEUE_NO_ESTIMATE)
    return t(words.QUEUE_WAIT, minutes=queue["wait_minutes"])


def queues(client, args):
    t = args.texts
    params = {"desk": my_desk.resolve(client, t, args.desk)["UID"]} if args.desk else {}
    data = client.get("@queues", **params)
    if args.json:
        return print_json(data)
    if not data["items"]:
        print(t(words.QUEUES_NONE))
        return 1
    for queue in data["items"]:
        figures = {"waiting": queue["waiting"], "wait": _wait(t, queue), "counters": queue["counters_open"]}
        print(t(words.QUEUE_LINE, title=queue["title"], desk=queue["desk"]["title"], **figures))
        for now in queue.get("now") or []:
            print(t(words.QUEUE_NOW, counter=now["label"], ticket=now["ticket"]))
        if queue.get("next"):
            print(t(words.QUEUE_NEXT, numbers=", ".join(queue["next"])))
    return 0


def _body(t, args):
    action = args.action.replace("-", "_")
    body = {"action": action}
    rest = list(args.rest)
    if action == "transfer":
        if len(rest) != 1:
            raise ClientError(t(words.COUNTER_NEEDS, action=args.action, what="<service UID> [--queue UID]"), 4)
        body["service"] = rest[0]
        if args.queue:
            body["queue"] = args.queue
    elif action == "priority":
        if len(rest) != 2:
            raise ClientError(t(words.COUNTER_NEEDS, action=args.action, what="<ticket> <" + "|".join(QUEUE_PRIORITY_REASONS) + "|none>"), 4)
        body["ticket"], body["reason"] = rest[0], None if rest[1] == "none" else rest[1]
    elif rest:
        raise ClientError(f"counter {args.action}: unexpected argument(s): {' '.join(rest)}", 4)
    return body


def _screen_lines(t, screen):
    counter = screen["counter"]
    state = t(words.COUNTER_OPEN) if counter["open"] else t(words.COUNTER_CLOSED)
    lines = [t(words.COUNTER_STATE, desk=screen["desk"]["title"], counter=counter["label"], state=state)]
    current = screen.get("current")
    lines.append(t(words.COUNTER_AT, number=current["number"], service=current["service"]["title"]) if current else t(words.COUNTER_NOBODY))
    numbers = ", ".join(ticket["number"] + ("*" if ticket.get("priority") else "") for ticket in screen["waiting"])
    lines.append(t(words.COUNTER_WAITING, count=len(screen["waiting"]), numbers=numbers or "-"))
    if screen.get("appointments"):
        lines.append(t(words.COUNTER_ARRIVED, appointments=", ".join(f"{item['time']} {item['name']}" for item in screen["appointments"])))
    return lines


def counter(client, args):
    t = args.texts
    place = {"desk": my_desk.resolve(client, t, args.desk)["UID"], "counter": args.code}
    if args.action is None:
        data = client.get("@queue-counter", **place)
        if args.json:
            return print_json(data)
        print("\n".join(_screen_lines(t, data)))
        return 0
    data = client.post("@queue-counter", {**place, **_body(t, args)})
    if args.json:
        return print_json(data)
    called = data.get("called")
    if called and args.action in ("next", "recall"):
        print(t(words.COUNTER_CALLED, number=called["number"], service=(called.get("service") or {}).get("title", "")))
    print("\n".join(_screen_lines(t, data["screen"])))
    return 0


def add_arguments(name, command):
    """Arguments of these commands (called by cli.parser)."""
    command.add_argument("--json", action="store_true", help="print the API's JSON")
    if name == "queues":
        command.add_argument("--desk", default=my_desk.default(), help=f"only this desk: its id or UID (default: ${my_desk.ENV})")
    elif name == "counter":
        command.add_argument("desk", help="the desk: its id or UID")
        command.add_argument("code", help="the counter's code")
        command.add_argument("action", nargs="?", choices=ACTIONS, help="the action (none: the counter's state)")
        command.add_argument("rest", nargs="*", help="transfer: <service UID>; priority: <ticket number or code> <reason>|none")
        command.add_argument("--queue", help="transfer: the target queue's UID (when several serve the service)")


COMMANDS = {
    "queues": (queues, "the virtual queues: waiting, estimated wait, counters open (GET @queues)"),
    "counter": (counter, "a counter's state or action: open, close, next, recall, no-show, done, transfer, priority (agents)"),
}
