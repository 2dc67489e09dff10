#!/usr/bin/env bash
# Browser tests' tools: Debian's Chromium and its matching chromedriver (same
# package version, so no driver download at test time) and a pinned axe-core
# from npm in var/node/. Idempotent; run by scripts/test.sh before pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
AXE_VERSION=4.12.1
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core > /dev/null
  else
    echo "browser.sh: chromium/chromedriver missing and cannot apt-get install them (browser tests will be skipped)" >&2
  fi
fi
dest=var/node
if [ ! -f "$dest/node_modules/axe-core/axe.min.js" ] || ! grep -q "\"version\": \"$AXE_VERSION\"" "$dest/node_modules/axe-core/package.json"; then
  if command -v npm >/dev/null; then
    mkdir -p "$dest"
    npm install --silent --no-audit --no-fund --prefix "$dest" "axe-core@$AXE_VERSION" > /dev/null
  else
    echo "browser.sh: npm missing, axe-core not installed (accessibility tests will be skipped)" >&2
  fi
fi
