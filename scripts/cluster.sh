#!/usr/bin/env bash
# `make cluster`: install (as make install), the cluster's system packages and the
# `cluster` extra, then run the scaled-out stack in the foreground: PostgreSQL
# (RelStorage), INSTANCES Zope instances, two public-app copies, HAProxy, Varnish.
# Ctrl-C stops everything in order. Settings: README, "make cluster".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/cluster_install.sh
# The processes' time zone (TZ), set before any of them starts.
source scripts/zope_env.sh
export PYTHONPATH=$(pwd)/src${PYTHONPATH:+:$PYTHONPATH}
exec .venv/bin/python -m guichet_kb.cluster up
