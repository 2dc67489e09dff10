"""One import run of Service-Public fiches: `import-service-public` and `sync-service-public`.

The CLI prepares every fiche with the server's own function (importers/prepare.py:
parse, extra audiences, hash), asks the site which hashes it holds (GET
@import-service-public) and sends only the fiches that are new or changed, in
batches, all under one run id ("batch"). The server prepares what it receives
again and keeps its own hash check: the client is not trusted. Fiches that are
not imported (themes, dossiers, R records) and unreadable files are reported here
as the server would report them, without a request.
"""

from guichet_kb.agent.sources import grouped
from guichet_kb.agent.sources import open_source
from guichet_kb.agent.sources import SourceError
from guichet_kb.importers.batch import new_batch_id
from guichet_kb.importers.dila import FICHE_ID
from guichet_kb.importers.nodes import FicheError
from guichet_kb.importers.prepare import kind_of
from guichet_kb.importers.prepare import not_imported_reason
from guichet_kb.importers.prepare import prepare
import pathlib


BATCH_BYTES = 8 * 1024 * 1024  # per request, under the server's 20 MB limit
NOT_IMPORTED = not_imported_reason({"root": "", "type": ""}).split(" (")[0]  # "not a fiche to import"


def run(client, source, publish=False, batch=None, per_request=50, send_all=False):
    """Import ``source`` as one run; the merged report, plus "batch", "ids" (every
    fiche id the source holds, for the withdrawals), "sent" and "requests".
    ``send_all``: send unchanged fiches too (the server still leaves them alone by
    their hash), e.g. after the import profile changed."""
    totals = {"created": [], "updated": [], "unchanged": [], "skipped": [], "overrides_kept": {}, "duration_s": 0.0}
    totals.update(batch=batch or new_batch_id(), ids=[], sent=0, requests=0)
    totals.update(unmapped={}, published=[], submitted=[], incomplete={}, missing_counts={})
    held = {} if send_all else client.get("@import-service-public")
    known = held.get("hashes", {})
    if publish:  # drafts completed since the last run are published now
        drafts = set(held.get("drafts", ()))
        known = {external_id: value for external_id, value in known.items() if external_id not in drafts}
    pending, size = [], 0

    def send():
        report = client.post("@import-service-public", {"fiches": pending, "publish": publish, "batch": totals["batch"]})
        for key in ("created", "updated", "unchanged", "skipped", "published", "submitted"):
            totals[key] += report[key]
        totals["overrides_kept"].update(report["overrides_kept"])
        totals["incomplete"].update(report["incomplete"])
        for code, ids in report["unmapped"].items():
            totals["unmapped"].setdefault(code, []).extend(ids)
        for phrase, count in report["missing_counts"].items():
            totals["missing_counts"][phrase] = totals["missing_counts"].get(phrase, 0) + count
        totals["duration_s"] += report["duration_s"]
        totals["sent"] += len(pending)
        totals["requests"] += 1

    ids, readable = set(), 0
    with open_source(source) as files:
        entries = grouped(files)
        if not entries:
            raise SourceError(f"{source}: not a DILA package (no fiche file: .xml or .json)")
        for name, read, audiences in entries:
            stem = pathlib.PurePosixPath(name.replace(chr(92), "/")).stem
            if FICHE_ID.match(stem):
                ids.add(stem)
            content = read().decode("utf-8", errors="replace")
            try:
                fiche = prepare(content, name, audiences)
            except FicheError as error:
                totals["skipped"].append({"source": name, "reason": str(error)})
                continue
            readable += 1
            ids.add(fiche["external_id"])
            if kind_of(fiche) is None:
                totals["skipped"].append({"id": fiche["external_id"], "reason": not_imported_reason(fiche)})
            elif known.get(fiche["external_id"]) == fiche["hash"]:
                totals["unchanged"].append(fiche["external_id"])
            else:
                pending.append({"name": name, "content": content, "audiences": audiences})
                size += len(content)
                if len(pending) >= per_request or size > BATCH_BYTES:
                    send()
                    pending, size = [], 0
        if pending:
            send()
    if not readable:
        raise SourceError(f"{source}: not a DILA package ({len(entries)} file(s), none is a DILA fiche)")
    totals["ids"] = sorted(ids)
    return totals


def summary_lines(totals, brief=False):
    """The report as the CLI prints it; ``brief`` (the sync, for cron): the fiches
    that are not imported by design (themes, dossiers, R records) as one count."""
    lines = [
        f"created {len(totals['created'])}, updated {len(totals['updated'])}, unchanged {len(totals['unchanged'])}, "
        f"skipped {len(totals['skipped'])} in {totals['duration_s']:.1f} s (server time); "
        f"{totals['sent']} fiche(s) sent in {totals['requests']} request(s)"
    ]
    skipped = totals["skipped"]
    if brief:
        by_design = [item for item in skipped if item["reason"].startswith(NOT_IMPORTED)]
        skipped = [item for item in skipped if not item["reason"].startswith(NOT_IMPORTED)]
        if by_design:
            lines.append(f"  not imported: {len(by_design)} (themes, dossiers, forms, online services)")
    lines += [f"  skipped {item.get('id') or item.get('source')}: {item['reason']}" for item in skipped]
    lines += [f"  {external_id}: local changes kept for {', '.join(fields)}" for external_id, fields in totals["overrides_kept"].items()]
    if totals["unmapped"]:
        codes = sorted(totals["unmapped"].items(), key=lambda item: (-len(item[1]), item[0]))
        lines.append("pivot-local codes not in the import profile: " + ", ".join(f"{code} ({len(ids)})" for code, ids in codes))
    return lines


def digest_line(digest):
    """What POST @import-digest did, in one line."""
    if digest.get("already_sent"):
        return f"digest already sent at {digest['already_sent']}: nothing sent"
    if digest["sent"]:
        return f"digest sent to {digest['sent']} reviewer(s)"
    return "nothing new: no digest sent"
