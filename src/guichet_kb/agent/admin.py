"""The Site Administrators' commands of `guichet-kb` (moved out of commands.py, the
agents' own): `interactions` (the interaction log exported as CSV or JSON, with its desk
columns as the site sends them), `purge-interactions` (the records past the retention)
and `rollup` (the daily job, for cron). An administrator's account (GUICHET_USER /
GUICHET_PASSWORD); the site does the work, nothing is kept on the machine but the file
asked for with ``-o``.
"""

from guichet_kb.agent.output import emit


def interactions(client, args):
    params = {"format": args.format, **({"since": args.since} if args.since else {})}
    emit(client.get("@interactions", **params), args.format, args.output)
    return 0


def purge(client, args):
    data = client.post("@interactions-purge")
    removed = data["removed"]
    print(
        f"{removed['interactions']} interaction(s) and {removed['reports']} report(s) older than "
        f"{data['retention_months']} months removed; {data['kept']} interaction(s) kept."
    )
    return 0


def rollup(client, args):
    """The daily job, called again while days remain (one bounded transaction each)."""
    while True:
        data = client.post("@daily-rollup")
        print(f"{data['rolled_up']} day(s) rolled up, through {data['rolled_through'] or '-'}; {data['remaining']} remaining.")
        if not data["remaining"] or not data["rolled_up"]:
            return 0


def add_arguments(name, command):
    """Arguments of these commands (called by cli.parser)."""
    if name == "interactions":
        command.add_argument("--format", choices=("csv", "json"), default="csv")
        command.add_argument("--since", help="YYYY-MM-DD")
        command.add_argument("-o", "--output", help="file to write (default: standard output)")


COMMANDS = {
    "interactions": (interactions, "export the interaction log as CSV or JSON (Site Administrators)"),
    "purge-interactions": (purge, "delete interactions older than the retention period (Site Administrators)"),
    "rollup": (rollup, "the daily job: count the closed days into the dashboard's figures, then open data (Site Administrators, cron)"),
}
