"""Appointments on the command line for cron and managers (issue 18):

- ``guichet-kb appointment-reminders``: the booking reminders due (cron every 15
  minutes). A Site Administrator's account (GUICHET_USER / GUICHET_PASSWORD); POST
  @appointment-reminders does the work and sends each reminder once, so running it
  twice, or on two hosts, sends nothing twice.
- ``guichet-kb appointments-export --from --to [--desk] [--format] [-o file]``: the
  managers' export of a period's appointments (GET @appointments-export; desk managers,
  administrators), CSV as the site sends it (UTF-8 with BOM, `;`) or JSON; never a
  name, an e-mail address, a phone number nor a booking code.
"""

from guichet_kb.agent import desk as my_desk
from guichet_kb.agent.output import emit


def reminders(client, args):
    result = client.post("@appointment-reminders")
    print(f"{result['reminders_sent']} reminder e-mail(s) sent.")


def export(client, args):
    params = {"from": args.start, "to": args.end, "format": args.format}
    if args.desk:
        params["desk"] = my_desk.resolve(client, args.texts, args.desk)["UID"]
    emit(client.get("@appointments-export", **params), args.format, args.output)
    return 0


def add_arguments(name, command):
    """Arguments of these commands (called by cli.parser)."""
    if name == "appointments-export":
        command.add_argument("--from", dest="start", required=True, help="first day of the period, YYYY-MM-DD")
        command.add_argument("--to", dest="end", required=True, help="last day of the period, YYYY-MM-DD (at most 366 days)")
        command.add_argument("--desk", help="only this desk: its id or UID")
        command.add_argument("--format", choices=("csv", "json"), default="csv")
        command.add_argument("-o", "--output", help="file to write (default: standard output)")


COMMANDS = {
    "appointment-reminders": (reminders, "e-mail the booking reminders that are due, each once (Site Administrators, cron every 15 min)"),
    "appointments-export": (export, "export a period's appointments, without contact details, as CSV or JSON (desk managers)"),
}
