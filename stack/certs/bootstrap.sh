#!/usr/bin/env bash
# First start, no hand steps: (1) a self-signed placeholder so nginx can start,
# (2) wait until nginx serves the ACME webroot, (3) first issuance through the webroot,
# whose deploy hook swaps the real certificate in and reloads nginx.
# Safe to run again at every start: a valid lineage is not re-issued, only re-installed
# if PGAW_TLS_DIR lost it. Without PGAW_DOMAIN it stops after step 1.
#   PGAW_ACME_PROBE_URL  optional base URL of nginx as seen from here (e.g. http://nginx);
#                        when set, step 2 waits up to PGAW_ACME_PROBE_SECONDS (default 60)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

"$here/self-signed.sh"
if [ -z "$PGAW_DOMAIN" ]; then
    log "PGAW_DOMAIN is not set: serving the self-signed certificate only"
    exit 0
fi
require_settings_for_acme
mkdir -p "$PGAW_ACME_WEBROOT/.well-known/acme-challenge"
chmod 0755 "$PGAW_ACME_WEBROOT" "$PGAW_ACME_WEBROOT/.well-known" "$PGAW_ACME_WEBROOT/.well-known/acme-challenge"

if [ -n "${PGAW_ACME_PROBE_URL:-}" ]; then
    "$here/probe-webroot.sh"
fi

lineage="$PGAW_LE_DIR/live/$PGAW_CERT_NAME"
# --keep-until-expiring: an existing, not yet due lineage for the same name is kept (no
# ACME request, no hook run). --cert-name keeps the lineage path stable whatever the domain.
mapfile -t dirs < <(certbot_dirs)
certbot certonly --non-interactive --agree-tos --no-eff-email --keep-until-expiring \
    "${dirs[@]}" --server "$PGAW_ACME_SERVER" --email "$PGAW_ACME_EMAIL" \
    --cert-name "$PGAW_CERT_NAME" -d "$PGAW_DOMAIN" \
    --webroot --webroot-path "$PGAW_ACME_WEBROOT" \
    --deploy-hook "$here/deploy-hook.sh" \
    || die "first issuance for $PGAW_DOMAIN failed (see $PGAW_LE_LOG_DIR/letsencrypt.log); still serving the previous certificate"

# The hook did not run if the lineage was already valid; make sure consumers have it.
installed="$(openssl x509 -in "$PGAW_TLS_DIR/fullchain.pem" -noout -serial 2>/dev/null || true)"
issued="$(openssl x509 -in "$lineage/fullchain.pem" -noout -serial)"
if [ "$installed" != "$issued" ]; then
    log "installing the existing lineage $lineage"
    "$here/deploy-hook.sh"
fi
log "certificate for $PGAW_DOMAIN in place ($issued)"
