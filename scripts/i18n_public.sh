#!/usr/bin/env bash
# The public site's own gettext domain (guichet_kb_public): extract the English
# msgids from its code and templates, merge them into the French .po, compile the .mo.
set -euo pipefail
cd "$(dirname "$0")/.."
PUB=src/guichet_kb/public
LOC=$PUB/locales
.venv/bin/pybabel extract -F $PUB/babel.cfg -k _ -k gettext -k ngettext:1,2 --no-location --omit-header \
  --sort-output -o $LOC/guichet_kb_public.pot $PUB > /dev/null 2>&1
.venv/bin/pybabel update -D guichet_kb_public -i $LOC/guichet_kb_public.pot -d $LOC -l fr --ignore-obsolete \
  --no-fuzzy-matching > /dev/null 2>&1
.venv/bin/pybabel compile -D guichet_kb_public -d $LOC -l fr --statistics
