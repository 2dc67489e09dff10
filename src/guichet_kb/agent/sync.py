"""`guichet-kb sync-service-public [SOURCE]`: the daily sync from Service-Public.fr (for cron).

One run, one batch id for all its requests:
1. the source: SOURCE, else the import profile's ``sync_source`` (GET @import-profile);
   a folder, a .zip, an npm package name or the http(s) URL of a DILA archive;
2. the import (agent/importing.py: only new or changed fiches are sent), publishing
   what is complete only when the profile's ``sync_publish`` is true;
3. the withdrawals (POST @service-public-withdrawals) when the source is a full
   package: an npm package, a URL, or ``--full`` for a folder or zip;
4. the reviewers' digest of the run (POST @import-digest): one e-mail, only when the
   run created, updated or withdrew something.
A second run on the same source sends no fiche and no e-mail. Exit codes: those of
the CLI (2 site unreachable, 3 login refused, 4 refused by the site, 5 bad source).
"""

from guichet_kb.agent import download
from guichet_kb.agent import importing
from guichet_kb.agent.client import ClientError
from guichet_kb.agent.sources import SourceError
from guichet_kb.importers.batch import new_batch_id
import json
import pathlib


def profile(client):
    """The import profile (COMMON contract); {} from a site without the profile service."""
    try:
        return client.get("@import-profile")
    except ClientError as error:
        if error.status == 404:
            return {}
        raise


def full_package(source, full):
    return full or download.is_url(source) or (source.startswith("@") or ("/" not in source and not pathlib.Path(source).exists()))


def command(client, args):
    settings = profile(client)
    source = args.source or settings.get("sync_source")
    if not source:
        raise ClientError("no SOURCE given and the import profile has no sync source (sync_source): nothing to sync", 5)
    batch = new_batch_id("sync")
    try:
        totals = importing.run(client, source, publish=bool(settings.get("sync_publish")), batch=batch, per_request=args.batch)
    except SourceError as error:
        raise ClientError(str(error), 5) from None
    result, refused = {"batch": batch, "source": source, "import": totals}, None
    if full_package(source, args.full):
        try:
            result["withdrawals"] = client.post("@service-public-withdrawals", {"present": totals["ids"], "batch": batch})
        except ClientError as error:  # the import is done: the reviewers still hear of it
            refused = error
    result["digest"] = client.post("@import-digest", {"batch": batch})
    _report(result, args.json)
    if refused is not None:
        raise ClientError(f"withdrawals not flagged: {refused}", refused.exit_code, refused.status)
    return 0


def _report(result, as_json):
    totals, batch, source = result["import"], result["batch"], result["source"]
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"sync {batch} from {source}")
    print("\n".join(importing.summary_lines(totals, brief=True)))
    if "withdrawals" in result:
        withdrawn, restored = result["withdrawals"].get("withdrawn", []), result["withdrawals"].get("restored", [])
        print(f"withdrawn nationally {len(withdrawn)}{': ' + ', '.join(withdrawn) if withdrawn else ''}; restored {len(restored)}")
    print(importing.digest_line(result["digest"]))


def add_arguments(command):
    command.add_argument("source", nargs="?", help="folder, .zip, npm package or URL of a DILA archive (default: the profile's sync_source)")
    command.add_argument("--full", action="store_true", help="the folder or zip is a full national package: flag the fiches it lacks as withdrawn")
    command.add_argument("--batch", type=int, default=50, help="fiches per request (default 50)")
    command.add_argument("--json", action="store_true", help="print the run's reports as JSON")
