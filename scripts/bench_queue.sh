#!/usr/bin/env bash
# `make bench-queue`: the virtual queue (issue 19) under load on a fresh demo site in
# var/bench-queue, on BENCH_PORT. The bench's desk (open all day, every day, so the
# bench runs at any hour), its sheets and its queue with 10 counters are created in
# process with the server stopped (bench/queue_data.py); then over real HTTP
# (bench/queue_bench.py): BENCH_TICKETS tickets at BENCH_RATE an hour taken concurrently
# at the kiosk while one agent per counter calls the next (time compressed BENCH_COMPRESS
# times), BENCH_PAGES tracking pages open on the public app (SSE), the notice job
# `guichet-kb queue-notify --every 15` running, and an observer of GET @queues noting
# each notice's due time. The server counts the requests Zope retried after a conflict
# and the requests the public app made (bench/queue_server.py); a local SMTP server
# receives the notices. The server stopped, bench/queue_check.py reads the store back:
# every ticket numbered once, called once and served, none lost, else the script exits
# non-zero; it prints the summary block for the README.
# BENCH_SKIP_INSTALL=1 skips scripts/install.sh (a venv shared with other checkouts).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-8094}
PUB=${BENCH_PUBLIC_PORT:-8093}
SMTP=${BENCH_SMTP_PORT:-8092}
export GUICHET_VAR=$(pwd)/var/bench-queue PLONE_PORT=$PORT PLONE_HOST=127.0.0.1 SITE_ID=guichet
export ADMIN_PASSWORD=bench-admin DEMO_PASSWORD=bench-demo GUICHET_DEMO_ACTIVITY=0
export SMTP_HOST=127.0.0.1 SMTP_PORT=$SMTP PUBLIC_SITE_URL="http://127.0.0.1:$PUB"
export PYTHONPATH=$(pwd)/src${PYTHONPATH:+:$PYTHONPATH}
export BENCH_DATA=$GUICHET_VAR/bench-data.json BENCH_RESULTS=$GUICHET_VAR/bench-results.json
export BENCH_SERVER_LOG=$GUICHET_VAR/log/bench-server-events.log BENCH_SMTP_LOG=$GUICHET_VAR/log/bench-smtp.log
SITE="http://127.0.0.1:$PORT/guichet"
[ "${BENCH_SKIP_INSTALL:-0}" = 1 ] || bash scripts/install.sh
rm -rf "$GUICHET_VAR"
bash scripts/instance.sh
source scripts/zope_env.sh
.venv/bin/python -u -m aiosmtpd -n -c aiosmtpd.handlers.Debugging stdout -l "127.0.0.1:$SMTP" > "$BENCH_SMTP_LOG" 2>&1 &
smtp=$!
trap 'kill $smtp 2>/dev/null || true' EXIT
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" scripts/create_site.py > /dev/null
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" bench/queue_data.py
: > "$BENCH_SERVER_LOG"
.venv/bin/python bench/queue_server.py "$GUICHET_VAR/instance/etc/zope.ini" "$BENCH_SERVER_LOG" > "$GUICHET_VAR/log/bench-server.log" 2>&1 &
plone=$!
PLONE_URL=$SITE PUBLIC_PORT=$PUB PUBLIC_HOST=127.0.0.1 .venv/bin/guichet-kb-public > "$GUICHET_VAR/log/bench-public.log" 2>&1 &
public=$!
trap 'kill $plone $public $smtp ${notify:-} 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf -o /dev/null "$SITE" && curl -sf -o /dev/null "http://127.0.0.1:$PUB/" && break; sleep 1; done
GUICHET_URL=$SITE GUICHET_USER=admin GUICHET_PASSWORD=$ADMIN_PASSWORD .venv/bin/guichet-kb queue-notify --every 15 > "$GUICHET_VAR/log/bench-notify.log" 2>&1 &
notify=$!
.venv/bin/python bench/queue_bench.py "$SITE" "http://127.0.0.1:$PUB"
kill $notify $plone $public $smtp
wait $notify $plone $public $smtp 2>/dev/null || true
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" bench/queue_check.py
