#!/usr/bin/env bash
# Public site vs Plone Classic UI, in one run: a fresh demo site on BENCH_PUBLIC_PLONE_PORT,
# the public app on BENCH_PUBLIC_PORT reading its REST API, then requests/s and p95
# for the home page and the same sheet on both (bench/public_bench.py).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PUBLIC_PLONE_PORT:-8097}
PUB=${BENCH_PUBLIC_PORT:-8096}
export GUICHET_VAR=$(pwd)/var/bench-public PLONE_PORT=$PORT PLONE_HOST=127.0.0.1 SITE_ID=guichet
export ADMIN_PASSWORD=bench-admin DEMO_PASSWORD=bench-demo GUICHET_DEMO=1
SITE="http://127.0.0.1:$PORT/guichet"
bash scripts/install.sh
rm -rf "$GUICHET_VAR"
bash scripts/instance.sh
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" scripts/create_site.py > /dev/null 2>&1
.venv/bin/runwsgi "$GUICHET_VAR/instance/etc/zope.ini" > "$GUICHET_VAR/log/bench-server.log" 2>&1 &
plone=$!
PLONE_URL=$SITE PUBLIC_PORT=$PUB PUBLIC_HOST=127.0.0.1 .venv/bin/guichet-kb-public > "$GUICHET_VAR/log/bench-public.log" 2>&1 &
public=$!
trap 'kill $plone $public 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null "$SITE" && curl -sf -o /dev/null "http://127.0.0.1:$PUB/sante" && break; sleep 1; done
.venv/bin/python bench/public_bench.py "http://127.0.0.1:$PUB" "$SITE" /demarches/carte-identite "${BENCH_SECONDS:-10}" "${BENCH_CONNECTIONS:-8}"
