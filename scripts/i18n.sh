#!/usr/bin/env bash
# Refresh locales/guichet_kb.pot from the code, merge run-time messages, sync the
# French catalogue and compile every .po to .mo (the .mo files are committed).
set -euo pipefail
cd "$(dirname "$0")/../src/guichet_kb"
I18NDUDE=../../.venv/bin/i18ndude
$I18NDUDE rebuild-pot --pot locales/guichet_kb.pot --create guichet_kb --merge locales/manual.pot .
$I18NDUDE sync --pot locales/guichet_kb.pot locales/*/LC_MESSAGES/guichet_kb.po
../../.venv/bin/python - <<'PY'
from zope.i18n.compile import compile_mo_file
import pathlib
for po in pathlib.Path("locales").glob("*/LC_MESSAGES/*.po"):
    compile_mo_file(po.stem, str(po.parent))
PY
