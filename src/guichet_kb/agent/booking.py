"""Appointments on the command line (issue 18): `slots`, `book`, `agenda-day`.

- ``guichet-kb slots <caller's words, external ID or UID> [--desk] [--from] [--type]``:
  the sheet's agendas and their next free slots, numbered (GET @slots).
- ``guichet-kb book <agenda UID> <type code> <start> --name --email [--phone]``: books
  for the caller (POST @bookings, channel "agent"); prints the booking code and says
  the confirmation e-mail is sent; a taken slot prints the next free ones (exit 4).
- ``guichet-kb agenda-day [--desk] [--date] [--counter]``: the counters' day view
  (GET @agenda-day), one block per counter; names, never e-mail or phone.

``--desk`` is a desk's id or UID (agent/desk.py), GUICHET_DESK by default. The caller's
name and contact go to the site and nowhere else: nothing is written on the agent's
machine.
"""

from datetime import date
from datetime import datetime
from guichet_kb import clock
from guichet_kb.agent import desk as my_desk
from guichet_kb.agent import texts as words
from guichet_kb.agent.booking_texts import BAD_START
from guichet_kb.agent.booking_texts import BOOK_DESK
from guichet_kb.agent.booking_texts import BOOKED
from guichet_kb.agent.booking_texts import DAY_COUNTER
from guichet_kb.agent.booking_texts import DAY_EMPTY
from guichet_kb.agent.booking_texts import DAY_HEADING
from guichet_kb.agent.booking_texts import DAY_NO_COUNTER
from guichet_kb.agent.booking_texts import DAY_NO_DESK
from guichet_kb.agent.booking_texts import MAIL_SENT
from guichet_kb.agent.booking_texts import MANAGE_LINK
from guichet_kb.agent.booking_texts import NEXT_FREE
from guichet_kb.agent.booking_texts import NO_SHEET
from guichet_kb.agent.booking_texts import NO_SLOT
from guichet_kb.agent.booking_texts import SLOT_LINE
from guichet_kb.agent.booking_texts import SLOTS_AGENDA
from guichet_kb.agent.booking_texts import SLOTS_NONE
from guichet_kb.agent.client import ClientError
from guichet_kb.agent.output import print_json
import re


UID = re.compile(r"^[0-9a-f]{32}$")
EXTERNAL_ID = re.compile(r"^[FNR]\d+$", re.IGNORECASE)


def _sheet_uid(client, t, words_given):
    """The UID of the sheet the words name: a UID, an external ID (F1341), else the first
    service sheet @answer finds for them."""
    ref = " ".join(words_given).strip()
    if UID.match(ref):
        return ref
    if EXTERNAL_ID.match(ref):
        found = client.get("@search", external_id=ref.upper(), portal_type="ServiceSheet").get("items") or []
    else:
        found = [item for item in client.get("@answer", q=ref, b_size=8)["items"] if item.get("@type") == "ServiceSheet"]
    if not found:
        raise ClientError(t(NO_SHEET, query=ref), 4)
    return found[0]["UID"]


def slot_line(t, number, slot, types):
    kind = types.get(slot["type"], {})
    return t(SLOT_LINE, number=number, moment=t.moment(slot["start"]), type=kind.get("label", slot["type"]), minutes=kind.get("duration", "?"))


def slots(client, args):
    t = args.texts
    params = {"service": _sheet_uid(client, t, args.query)}
    if args.desk:
        params["desk"] = my_desk.resolve(client, t, args.desk)["UID"]
    params.update({name: value for name, value in (("from", args.start), ("type", args.type)) if value})
    data = client.get("@slots", **params)
    if args.json:
        return print_json(data)
    print(data["service"]["title"])
    found = 0
    for agenda in data["agendas"]:
        types = {kind["code"]: kind for kind in agenda["types"]}
        desk = agenda["desk"]
        print("\n" + t(SLOTS_AGENDA, title=agenda["title"], desk=desk["title"], address=desk.get("address") or ""))
        print(f"  agenda {agenda['uid']} — " + ", ".join(f"{code} = {kind['label']}" for code, kind in types.items()))
        if not agenda["next"]:
            print("  " + t(NO_SLOT))
        for number, slot in enumerate(agenda["next"], found + 1):
            print("  " + slot_line(t, number, slot, types) + f"   [{slot['type']} {slot['start']}]")
        found += len(agenda["next"])
    if not found:
        print(t(SLOTS_NONE))
        return 1
    return 0


def _start(client, t, value):
    """The start as the API takes it (ISO 8601 with its offset): a time without offset is
    the site's wall-clock time (its zone, from GET @site)."""
    try:
        start = datetime.fromisoformat(value.strip().replace(" ", "T"))
    except ValueError:
        raise ClientError(t(BAD_START, value=value), 4) from None
    if start.tzinfo is None:
        start = start.replace(tzinfo=clock.zone_named(client.get("@site").get("plone.portal_timezone")))
    return start.isoformat()


def book(client, args):
    t = args.texts
    body = {"agenda": args.agenda, "type": args.type, "start": _start(client, t, args.start), "name": args.name, "email": args.email}
    if args.phone:
        body["phone"] = args.phone
    try:
        data = client.post("@bookings", body)
    except ClientError as error:
        if error.status == 409 and (error.body or {}).get("slots"):
            lines = [str(error), t(NEXT_FREE)] + [f"  {t.moment(slot['start'])}   [{slot['type']} {slot['start']}]" for slot in error.body["slots"]]
            raise ClientError("\n".join(lines), error.exit_code, error.status) from None
        raise
    if args.json:
        return print_json(data)
    desk = data.get("desk") or {}
    print(t(BOOKED, code=data["code"], moment=t.moment(data["start"]), type=(data.get("type") or {}).get("label", args.type)))
    print(t(BOOK_DESK, desk=desk.get("title", ""), address=desk.get("address") or ""))
    print(t(MAIL_SENT, email=args.email))
    manage = (data.get("links") or {}).get("manage")
    if manage:
        print(t(MANAGE_LINK, url=manage))
    return 0


def _appointment_line(item):
    kind = item["type"]
    return (
        f"  {item['time']}  {kind['label']} ({kind['duration']} min)  {item['service']['title']}  {item['code']}  "
        f"{item['name']}  [{item['status_title']}] {item['channel_title']}"
    )


def agenda_day(client, args):
    t = args.texts
    if not args.desk:
        raise ClientError(t(DAY_NO_DESK, env=my_desk.ENV), 4)
    params = {"desk": my_desk.resolve(client, t, args.desk)["UID"]}
    params.update({name: value for name, value in (("date", args.date), ("counter", args.counter)) if value})
    data = client.get("@agenda-day", **params)
    if args.json:
        return print_json(data)
    day = date.fromisoformat(data["date"])
    print(t(DAY_HEADING, desk=data["desk"]["title"], day=t(words.DAYS[day.weekday()]), date=day.strftime("%d/%m/%Y")))
    if not data["counters"]:
        print(t(DAY_NO_COUNTER))
    for column in data["counters"]:
        print("\n" + t(DAY_COUNTER, counter=column["label"], agenda=column["agenda"]["title"]))
        print("\n".join(_appointment_line(item) for item in column["appointments"]) or "  " + t(DAY_EMPTY))
    return 0


def add_arguments(name, command):
    """Arguments of the booking commands (called by cli.parser)."""
    command.add_argument("--json", action="store_true", help="print the API's JSON")
    if name == "slots":
        command.add_argument("query", nargs="+", help="the caller's words, an external ID (F1341) or a sheet's UID")
        command.add_argument("--desk", default=my_desk.default(), help=f"only this desk: its id or UID (default: ${my_desk.ENV})")
        command.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (default: today)")
        command.add_argument("--type", help="an appointment type's code (as listed)")
    elif name == "book":
        command.add_argument("agenda", help="the agenda's UID (as `slots` lists it)")
        command.add_argument("type", help="the appointment type's code (as `slots` lists it)")
        command.add_argument("start", help="the slot's start, e.g. 2026-12-07T09:00 (the site's time) or with its offset")
        command.add_argument("--name", required=True, help="the caller's name (kept until the appointment is past, then erased)")
        command.add_argument("--email", required=True, help="where the confirmation goes")
        command.add_argument("--phone", help="the caller's phone (optional)")
    elif name == "agenda-day":
        command.add_argument("--desk", default=my_desk.default(), help=f"the desk: its id or UID (default: ${my_desk.ENV})")
        command.add_argument("--date", help="YYYY-MM-DD (default: today)")
        command.add_argument("--counter", help="one counter's code")


COMMANDS = {
    "slots": (slots, "the next free appointment slots of a sheet at its desks (@slots)"),
    "book": (book, "book an appointment for a caller: the confirmation e-mail carries the documents (agents)"),
    "agenda-day": (agenda_day, "the counters' day view: a desk's appointments of a day (agents, desk managers)"),
}
