#!/usr/bin/env bash
# `make bench-cluster`: the scaled-out stack measured on this machine (figures printed):
# @answer with 1 and INSTANCES instances, the public page through Varnish, 50 agents
# for 60 s, memory per instance (bench/cluster_bench.py); then the whole 2020 catalogue
# migrated, backed up and restored (bench/cluster_data_bench.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/cluster_install.sh
source scripts/zope_env.sh
.venv/bin/python bench/cluster_bench.py
if [ -f bench/cluster_data_bench.py ]; then .venv/bin/python bench/cluster_data_bench.py; fi
