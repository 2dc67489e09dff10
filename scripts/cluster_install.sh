#!/usr/bin/env bash
# What `make cluster` (and `make test`) need beyond `make install`: the system packages
# (PostgreSQL, HAProxy, Varnish, libpq-dev; apt-get when root, else the line to run)
# and the `cluster` extra (RelStorage, psycopg2 built against libpq) in .venv.
# Idempotent: the extra is installed once per setup.py/constraints.txt change.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
PYTHONPATH=$(pwd)/src${PYTHONPATH:+:$PYTHONPATH} "$VENV/bin/python" -m guichet_kb.cluster packages
STAMP=$VENV/.installed-cluster
if [ -f "$STAMP" ] && [ "$STAMP" -nt setup.py ] && [ "$STAMP" -nt constraints.txt ]; then
  exit 0
fi
# Already there (a shared or prepared venv): nothing to install.
if "$VENV/bin/python" -c "import relstorage, psycopg2" 2>/dev/null; then
  touch "$STAMP"
  exit 0
fi
if [ "${USE_UV:-1}" != 0 ] && command -v uv >/dev/null 2>&1; then
  uv pip install --python "$VENV/bin/python" -c constraints.txt -e ".[cluster]"
else
  "$VENV/bin/python" -m pip install -c constraints.txt -e ".[cluster]"
fi
touch "$STAMP"
