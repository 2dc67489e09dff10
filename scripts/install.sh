#!/usr/bin/env bash
# Create .venv and install guichet_kb with every dependency pinned by constraints.txt.
# Uses uv when it is on PATH (much faster), else pip. Idempotent: skipped when
# setup.py and constraints.txt have not changed since the last successful install.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
VENV=.venv
STAMP=$VENV/.installed
if [ -f "$STAMP" ] && [ "$STAMP" -nt setup.py ] && [ "$STAMP" -nt constraints.txt ]; then
  exit 0
fi
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
if [ "${USE_UV:-1}" != 0 ] && command -v uv >/dev/null 2>&1; then
  uv pip install --python "$VENV/bin/python" -c constraints.txt -e ".[plone,test]"
else
  "$VENV/bin/python" -m pip install -q -c constraints.txt "pip" "setuptools" "wheel"
  "$VENV/bin/python" -m pip install -c constraints.txt -e ".[plone,test]"
fi
touch "$STAMP"
