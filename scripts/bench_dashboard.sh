#!/usr/bin/env bash
# `make bench-dashboard`: the user-relationship dashboard (issue 17) on two years of
# generated activity for 50 agents (~3.5 million interactions, ~1 million page views):
# a fresh demo site on BENCH_PORT (no demo activity), the data generated in process
# with the server stopped and the daily job run over it (bench/dashboard_data.py:
# timings and the aggregates' size per year), then the dashboard's latency over HTTP
# for periods up to two years and the open data's regeneration (bench/dashboard_bench.py).
# BENCH_DAYS, BENCH_PER_DAY, BENCH_VIEWS_PER_DAY make it smaller for a quick look.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-8097}
export GUICHET_VAR=$(pwd)/var/bench-dashboard PLONE_PORT=$PORT PLONE_HOST=127.0.0.1 ADMIN_PASSWORD=bench-admin DEMO_PASSWORD=bench-demo
export GUICHET_DEMO_ACTIVITY=0
URL="http://127.0.0.1:$PORT/guichet"
bash scripts/install.sh
rm -rf "$GUICHET_VAR"
bash scripts/instance.sh
source scripts/zope_env.sh
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" scripts/create_site.py > /dev/null
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" bench/dashboard_data.py
du -h "$GUICHET_VAR"/filestorage/Data.fs 2>/dev/null | sed 's/^/FileStorage after generation and rollup: /' || true
.venv/bin/runwsgi "$GUICHET_VAR/instance/etc/zope.ini" > "$GUICHET_VAR/log/bench-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -s -o /dev/null "$URL" && break; sleep 1; done
.venv/bin/python bench/dashboard_bench.py "$URL" responsable bench-demo bench-admin
