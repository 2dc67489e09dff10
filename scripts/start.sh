#!/usr/bin/env bash
# `make start`: install, create the instance and the demo site if absent, then serve
# Plone in the foreground. Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLONE_PORT=${PLONE_PORT:-8080} SITE_ID=${SITE_ID:-guichet}
VAR=${GUICHET_VAR:-$(pwd)/var}

bash scripts/install.sh
# The demo passwords' defaults are declared once, in guichet_kb.facts.
defaults=$(.venv/bin/python -c 'from guichet_kb.facts import DEFAULT_ADMIN_PASSWORD as a, DEFAULT_DEMO_PASSWORD as d; print(a, d)')
export ADMIN_PASSWORD=${ADMIN_PASSWORD:-${defaults% *}} DEMO_PASSWORD=${DEMO_PASSWORD:-${defaults#* }}
bash scripts/instance.sh
# The processes' time zone (TZ), set before any of them starts.
source scripts/zope_env.sh

# The site setup opens the FileStorage itself, so it runs before the server.
# Skipped when nothing it depends on changed since the last successful run.
stamp=$VAR/.site-ready
want=$(printf '%s\n' "$SITE_ID" "$ADMIN_PASSWORD" "$DEMO_PASSWORD" "${SMTP_HOST:-}" "${SMTP_PORT:-}" "${EMAIL_FROM:-}" "${PUBLIC_SITE_URL:-}" "${PUBLIC_PORT:-}" "${GUICHET_DEMO:-1}" | cat - src/guichet_kb/demo/catalogue.json src/guichet_kb/profiles/default/metadata.xml | sha256sum | cut -c1-64)
if [ ! -f "$VAR/filestorage/Data.fs" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/zconsole run "$VAR/instance/etc/zope.conf" scripts/create_site.py
  echo "$want" > "$stamp"
fi

pids=()
cleanup() {
  trap - INT TERM EXIT
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

.venv/bin/runwsgi "$VAR/instance/etc/zope.ini" &
pids+=($!)
# The public site (stateless; reads the REST API only), beside Plone.
PUBLIC_PORT=${PUBLIC_PORT:-8000} PLONE_URL=${PLONE_URL:-http://localhost:$PLONE_PORT/$SITE_ID} \
  TOWN_HALL_PHONE=${TOWN_HALL_PHONE:-$(.venv/bin/python -c "from guichet_kb.demo import town_phone; print(town_phone())")} .venv/bin/guichet-kb-public &
pids+=($!)

cat <<MSG

  Guichet KB (demo town "Ville-Exemple", fictional data)
  Site:          http://localhost:$PLONE_PORT/$SITE_ID
  Public site:   http://localhost:${PUBLIC_PORT:-8000}/
  REST API:      http://localhost:$PLONE_PORT/$SITE_ID/++api++
  Zope admin:    admin / $ADMIN_PASSWORD
  Demo accounts (local demo only): redacteur, valideur, agent, responsable, borne (kiosk) / $DEMO_PASSWORD
  Stop with Ctrl-C.

MSG
wait -n "${pids[@]}"
