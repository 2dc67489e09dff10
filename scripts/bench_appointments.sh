#!/usr/bin/env bash
# `make bench-appointments`: the appointments (issue 18) measured on a fresh demo site
# on BENCH_PORT. The bench's own desks, sheets and agendas are created in process with
# the server stopped, and a third of a month of one agenda (6 counters, 3 types) is
# booked through the store (bench/appointments_data.py); then, over real HTTP,
# anonymous `@slots` for that month (first call, then BENCH_CALLS more) and, if the
# public site has its slots page, the same through the public app; then BENCH_BOOKERS
# concurrent bookers race for the 20 slots of another agenda (bench/appointments_bench.py),
# the server counting the requests Zope retried after a conflict
# (bench/appointments_server.py) and a local SMTP server receiving the confirmation
# e-mails. The server stopped, the store is read back: every
# slot booked exactly once, else the script exits non-zero (bench/appointments_check.py,
# which prints the summary block for the README).
# BENCH_SKIP_INSTALL=1 skips scripts/install.sh (a venv shared with other checkouts).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-8097}
PUB=${BENCH_PUBLIC_PORT:-8096}
SMTP=${BENCH_SMTP_PORT:-8095}
export GUICHET_VAR=$(pwd)/var/bench-appointments PLONE_PORT=$PORT PLONE_HOST=127.0.0.1 SITE_ID=guichet
export ADMIN_PASSWORD=bench-admin DEMO_PASSWORD=bench-demo GUICHET_DEMO_ACTIVITY=0
# The confirmation e-mails go to a local SMTP server that prints them (counted by the bench).
export SMTP_HOST=127.0.0.1 SMTP_PORT=$SMTP
# This checkout's code, even when the venv was installed from another one.
export PYTHONPATH=$(pwd)/src${PYTHONPATH:+:$PYTHONPATH}
export BENCH_DATA=$GUICHET_VAR/bench-data.json BENCH_RESULTS=$GUICHET_VAR/bench-results.json
export BENCH_RETRIES=$GUICHET_VAR/log/bench-retries.log BENCH_SMTP_LOG=$GUICHET_VAR/log/bench-smtp.log
SITE="http://127.0.0.1:$PORT/guichet"
[ "${BENCH_SKIP_INSTALL:-0}" = 1 ] || bash scripts/install.sh
rm -rf "$GUICHET_VAR"
bash scripts/instance.sh
source scripts/zope_env.sh
.venv/bin/python -u -m aiosmtpd -n -c aiosmtpd.handlers.Debugging stdout -l "127.0.0.1:$SMTP" > "$BENCH_SMTP_LOG" 2>&1 &
smtp=$!
trap 'kill $smtp 2>/dev/null || true' EXIT
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" scripts/create_site.py > /dev/null
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" bench/appointments_data.py
: > "$BENCH_RETRIES"
.venv/bin/python bench/appointments_server.py "$GUICHET_VAR/instance/etc/zope.ini" "$BENCH_RETRIES" > "$GUICHET_VAR/log/bench-server.log" 2>&1 &
plone=$!
# No cache in the public app: each page asks Plone for its slots.
PLONE_URL=$SITE PUBLIC_PORT=$PUB PUBLIC_HOST=127.0.0.1 PUBLIC_CACHE_TTL=0 .venv/bin/guichet-kb-public > "$GUICHET_VAR/log/bench-public.log" 2>&1 &
public=$!
trap 'kill $plone $public $smtp 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf -o /dev/null "$SITE" && curl -sf -o /dev/null "http://127.0.0.1:$PUB/sante" && break; sleep 1; done
.venv/bin/python bench/appointments_bench.py "$SITE" "http://127.0.0.1:$PUB"
kill $plone $public $smtp
wait $plone $public $smtp 2>/dev/null || true
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" bench/appointments_check.py
