#!/usr/bin/env bash
# Run the whole suite; "no tests collected" (pytest exit 5) is a failure, not a pass.
set -uo pipefail
cd "$(dirname "$0")/.."
# Chromium, chromedriver and axe-core for the public site's browser tests.
bash scripts/lint.sh || { echo "ERROR: make lint failed (ruff check / ruff format --check)" >&2; exit 1; }
bash scripts/browser.sh || echo "WARNING: scripts/browser.sh failed; browser tests will fail under CI" >&2
# PostgreSQL, HAProxy, Varnish and the `cluster` extra for tests/cluster (real servers).
bash scripts/cluster_install.sh || { echo "ERROR: scripts/cluster_install.sh failed (the cluster tests need it)" >&2; exit 1; }
.venv/bin/python -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "ERROR: pytest collected no tests" >&2
  exit 1
fi
exit "$rc"
