"""Agent commands of `guichet-kb`: ask, show, top, desks, log, orient (the administrators'
interactions, purge-interactions and rollup are in admin.py).

`log` and `orient` name the desk where the agent works with ``--desk`` or GUICHET_DESK
(agent/desk.py).

The answer card they print is card.py's. What agents read is in the CLI's language
(``args.texts``, see texts.py).
"""

from guichet_kb.agent import card
from guichet_kb.agent import desk as my_desk
from guichet_kb.agent import orientation
from guichet_kb.agent import texts as words
from guichet_kb.agent.client import ClientError
from guichet_kb.agent.output import print_json
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.facts import AUDIENCES
from guichet_kb.facts import CALL_CHANNELS
from guichet_kb.facts import OUTCOMES
import re


UID = re.compile(r"^[0-9a-f]{32}$")
EXTERNAL_ID = re.compile(r"^[FNR]\d+$", re.IGNORECASE)


def ask(client, args):
    query = " ".join(args.query).strip()
    if not query:
        raise ClientError("ask: give the caller's words, e.g. guichet-kb ask \"j'ai perdu ma carte d'identité\"", 4)
    params = {"q": query, "b_size": args.limit}
    if args.audience:
        params["audience"] = args.audience
    data = client.get("@answer", **params)
    if args.json:
        return print_json(data)
    if not data["items"]:
        print(args.texts(words.NO_ANSWER, query=query))
        return 1
    if data.get("family"):
        print(card.family(args.texts, data["family"]) + "\n")
    first, others = data["items"][0], data["items"][1:]
    print(card.card(args.texts, first))
    if others:
        print(f"\n{args.texts(words.OTHERS)}")
        for item in others:
            print(f"  - {item['title']}  {item['@id']}")
    return 0


def _resolve(client, ref):
    """A sheet or answer URL from an external ID (F1341), a UID or a path."""
    if EXTERNAL_ID.match(ref) or UID.match(ref):
        key = "external_id" if EXTERNAL_ID.match(ref) else "UID"
        found = client.get("@search", **{key: ref.upper() if key == "external_id" else ref, "portal_type": list(ANSWERABLE_TYPES)})
        if not found.get("items"):
            raise ClientError(f"404: no service sheet or answer with {'external ID' if key == 'external_id' else 'UID'} {ref}", 4, 404)
        return found["items"][0]["@id"]
    return ref.strip("/")


def show(client, args):
    url = _resolve(client, args.ref)
    data = client.get(url, expand="guichet")
    if args.json:
        return print_json(data)
    guichet = data.get("@components", {}).get("guichet", {})
    item = {
        "@id": data["@id"],
        "@type": data["@type"],
        "title": data["title"],
        "summary": data.get("description"),
        "external_id": data.get("external_id"),
        "short_answer": data.get("short_answer"),
        "call_script": {"answer": data.get("call_script_answer"), "questions": data.get("call_script_questions")},
        "free_of_charge": data.get("free_of_charge"),
        "cost": data.get("cost_amount") or data.get("cost_note"),
        "processing_time": data.get("processing_time"),
        "online_service_url": data.get("online_service_url"),
        "provenance": guichet.get("provenance"),
        "competent": guichet.get("competent"),
    }
    documents = [doc["title"] + (f" ({doc['case']})" if doc.get("case") else "") for doc in guichet.get("documents", [])]
    print(
        card.card(
            args.texts,
            item,
            documents if data["@type"] == "ServiceSheet" else None,
            guichet.get("desks", []),
            guichet.get("related_answers"),
            guichet.get("notices"),
        )
    )
    return 0


def top(client, args):
    data = client.get("@top-services", **({"audience": args.audience} if args.audience else {}))
    if args.json:
        return print_json(data)
    for rank, item in enumerate(data["items"], 1):
        print(f"{rank}. {item['title']}  {item['@id']}")
    return 0


def desks(client, args):
    params = {key: value for key, value in (("open_at", args.at), ("service", args.service)) if value}
    data = client.get("@desks", **params)
    items = [desk for desk in data["items"] if desk["open_now"] or not args.open_now]
    if args.json:
        return print_json({**data, "items": items, "items_total": len(items)})
    for desk in items:
        print(card.desk_line(args.texts, desk))
    print(args.texts(words.DESKS_OPEN_COUNT if args.open_now else words.DESKS_COUNT, count=len(items)))
    return 0


def _at_desk(client, args, body):
    """Adds the desk of --desk (or GUICHET_DESK) to the call's body; the desk or None."""
    if not args.desk:
        return None
    desk = my_desk.resolve(client, args.texts, args.desk)
    body["desk"] = desk["UID"]
    return desk


def log(client, args):
    body = {"channel": args.channel, "outcome": args.outcome}
    desk = _at_desk(client, args, body)
    bodies = []
    if args.ref:
        data = client.get(_resolve(client, args.ref), **({"expand": "guichet"} if args.organisation else {}))
        body["service"] = data["UID"]
        bodies = data.get("@components", {}).get("guichet", {}).get("competent") or []
    if args.organisation:
        body["organisation"] = orientation.pick(args.texts, bodies, args.organisation)["UID"]
    if args.query:
        body["query"] = args.query
    client.post_once("@interactions", body)
    print(args.texts(words.CALL_LOGGED_AT, title=desk["title"]) if desk else args.texts(words.CALL_LOGGED))
    return 0


def orient(client, args):
    """The call redirected to a competent body: logged, and the body's contact printed to read out."""
    data = client.get(_resolve(client, args.ref), expand="guichet")
    bodies = data.get("@components", {}).get("guichet", {}).get("competent") or []
    chosen = orientation.pick(args.texts, bodies, args.organisation)
    body = {"service": data["UID"], "channel": args.channel, "outcome": "redirected", "organisation": chosen["UID"]}
    _at_desk(client, args, body)
    client.post_once("@interactions", body)
    if "title" not in chosen:  # a UID of a body the sheet does not name: its public item
        found = client.get("@search", UID=chosen["UID"], portal_type="Organisation", fullobjects=1).get("items") or [{}]
        chosen = {**found[0], **chosen}
    print(args.texts(words.ORIENTED, title=chosen.get("title") or chosen["UID"]))
    contact = orientation.contact_lines(args.texts, chosen)
    if contact:
        print("\n".join([args.texts(words.ORIENT_READ), *contact]))
    return 0


def add_arguments(name, command):
    """Arguments of the agent commands (called by cli.parser)."""
    if name in ("ask", "show", "top", "desks"):
        command.add_argument("--json", action="store_true", help="print the API's JSON")
    if name == "ask":
        command.add_argument("query", nargs="+", help="the caller's words")
        command.add_argument("-n", "--limit", type=int, default=5, help="answers to fetch (1-50, default 5)")
        command.add_argument("--audience", help=", ".join(AUDIENCES[:-1]) + " or " + AUDIENCES[-1])
    elif name == "show":
        command.add_argument("ref", help="external ID (F1341), UID or path (demarches/passeport)")
    elif name == "top":
        command.add_argument("--audience")
    elif name == "desks":
        command.add_argument("--open-now", action="store_true", help="only desks open now (or at --at)")
        command.add_argument("--at", help="ISO 8601 date and time instead of now")
        command.add_argument("--service", help="UID of a sheet: only its desks")
    elif name == "log":
        command.add_argument("ref", nargs="?", help="the sheet or answer (external ID, UID or path); none when not answered")
        command.add_argument("--channel", required=True, choices=CALL_CHANNELS)
        command.add_argument("--outcome", required=True, choices=OUTCOMES)
        command.add_argument(
            "--query", help="the words searched to find the item (counted as an agent's choice for the ranking; no personal data is kept)"
        )
        command.add_argument(
            "--organisation", help="with --outcome redirected: the body the caller was sent to (its number as `show` lists it, its id or UID)"
        )
    elif name == "orient":
        command.add_argument("ref", help="the sheet (external ID, UID or path)")
        command.add_argument("organisation", help="the competent body: its number as `show` lists it (1 = first), its id or its UID")
        command.add_argument("--channel", choices=CALL_CHANNELS, default=CALL_CHANNELS[0])
    if name in ("log", "orient"):
        command.add_argument("--desk", default=my_desk.default(), help=f"the desk where you work: its id or UID (default: ${my_desk.ENV})")


COMMANDS = {
    "ask": (ask, "the answer card for a caller's words (@answer)"),
    "show": (show, "one sheet or answer by external ID, UID or path"),
    "top": (top, "the top services (one-click tiles)"),
    "desks": (desks, "desks with their hours; --open-now for those open now"),
    "log": (log, "log a call: service, channel and outcome (agents)"),
    "orient": (orient, "log a call as redirected to a competent body and print its contact (agents)"),
}
