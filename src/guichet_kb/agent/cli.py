"""`guichet-kb`: command line over the REST API (safe while the site is running)."""
from guichet_kb.agent.client import ClientError
from guichet_kb.agent.client import GuichetClient

import argparse
import os
import sys


def _remind(client, args):
    result = client.post("@review-reminders")
    print(f"{result['items_total']} item(s) overdue or flagged; {result['sent']} reviewer e-mail(s) sent.")


def _queue(client, args):
    data = client.get("@review-queue")
    for item in data["items"]:
        age = "" if item["age_days"] is None else f"{item['age_days']} j"
        print(f"{item['reason']:<13} {age:>6}  {item['title']}  {item['@id']}")
    print(f"{data['items_total']} item(s)")


COMMANDS = {
    "remind": (_remind, "e-mail reviewers a digest of overdue and flagged items (for cron)"),
    "queue": (_queue, "list what needs a reviewer's attention"),
}


def parser():
    p = argparse.ArgumentParser(prog="guichet-kb", description="Guichet KB command line (REST API client).")
    p.add_argument("--url", default=os.environ.get("GUICHET_URL", "http://localhost:8080/guichet"))
    p.add_argument("--user", default=os.environ.get("GUICHET_USER"))
    p.add_argument("--password", default=os.environ.get("GUICHET_PASSWORD"))
    sub = p.add_subparsers(dest="command", required=True)
    for name, (_func, help_text) in COMMANDS.items():
        sub.add_parser(name, help=help_text)
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        client = GuichetClient(args.url, args.user, args.password)
        COMMANDS[args.command][0](client, args)
    except ClientError as error:
        print(f"guichet-kb: {error}", file=sys.stderr)
        return error.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
