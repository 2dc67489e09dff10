#!/usr/bin/env bash
# Write var/instance/etc/{zope.conf,storage.conf,zope.ini,site.zcml} from instance/*.in templates.
# Data (var/filestorage, var/blobstorage) is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VAR=${GUICHET_VAR:-$ROOT/var}
ETC=$VAR/instance/etc
mkdir -p "$ETC" "$VAR/filestorage" "$VAR/blobstorage" "$VAR/log" "$VAR/cache"
chmod 700 "$VAR/blobstorage"
# One "trusted-proxy ADDRESS" line per address of TRUSTED_PROXIES (space or comma separated).
PROXIES=$(for p in $(echo "${TRUSTED_PROXIES-127.0.0.1 ::1}" | tr ',' ' '); do printf 'trusted-proxy %s\\n' "$p"; done)
fill() {
  sed -e "s#@@TRUSTED_PROXIES@@#${PROXIES}#" -e "s#@@INSTANCE@@#$VAR/instance#g" -e "s#@@VAR@@#$VAR#g" \
      -e "s#@@HOST@@#${PLONE_HOST:-0.0.0.0}#g" -e "s#@@PORT@@#${PLONE_PORT:-8080}#g" "$1" > "$2"
}
fill instance/zope.conf.in "$ETC/zope.conf"
fill instance/storage-filestorage.conf.in "$ETC/storage.conf"
fill instance/zope.ini.in "$ETC/zope.ini"
cp instance/site.zcml "$ETC/site.zcml"
