#!/usr/bin/env bash
# Refresh locales/guichet_kb.pot from the code, merge run-time messages, sync every
# catalogue and compile every .po to .mo (the .mo files are committed). References name
# files without line numbers, so that editing code does not rewrite the catalogues.
# Idempotent: a second run over the same code changes no file. Translations added by
# hand at the end of a .po win over an empty entry of the same msgid (scripts/i18n_guard.py),
# and a catalogue with a duplicate msgid or a repeated translation is never compiled.
# Usage: scripts/i18n.sh [package directory] (default: src/guichet_kb next to this script).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
VENV="${VENV:-$HERE/../.venv}"
PYTHON="$VENV/bin/python"
I18NDUDE="$VENV/bin/i18ndude"
GUARD="$PYTHON $HERE/i18n_guard.py"
cd "${1:-$HERE/../src/guichet_kb}"
CATALOGUES=(locales/*/LC_MESSAGES/guichet_kb.po)
BEFORE="$(mktemp -d)"
trap 'rm -rf "$BEFORE"' EXIT
cp --parents locales/guichet_kb.pot "${CATALOGUES[@]}" "$BEFORE"/ 2>/dev/null || true

$GUARD dedupe "${CATALOGUES[@]}"
$I18NDUDE rebuild-pot --pot locales/guichet_kb.pot --create guichet_kb --merge locales/manual.pot --no-line-numbers .
$I18NDUDE sync --pot locales/guichet_kb.pot "${CATALOGUES[@]}"
for file in locales/guichet_kb.pot "${CATALOGUES[@]}"; do
  $GUARD keep-date "$BEFORE/$file" "$file"
done
$GUARD check locales/guichet_kb.pot locales/manual.pot "${CATALOGUES[@]}"
"$PYTHON" - <<'PY'
from zope.i18n.compile import compile_mo_file
import pathlib
for po in pathlib.Path("locales").glob("*/LC_MESSAGES/*.po"):
    compile_mo_file(po.stem, str(po.parent))
PY
