#!/usr/bin/env bash
# `make lint` (and the first step of `make test`): ruff's lint rules and its
# formatter, both configured in ruff.toml and pinned by constraints.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check src tests bench scripts
.venv/bin/ruff format --check --quiet src tests bench scripts
