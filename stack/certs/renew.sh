#!/usr/bin/env bash
# Renews the lineage when it is due (certbot's rule: 30 days before expiry); the deploy
# hook installs the new pair and reloads nginx. Extra arguments go to certbot, e.g.
# `renew.sh --force-renewal` or `renew.sh --dry-run`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

if [ ! -e "$PGAW_LE_DIR/renewal/$PGAW_CERT_NAME.conf" ]; then
    log "no certbot lineage '$PGAW_CERT_NAME' in $PGAW_LE_DIR: nothing to renew (run bootstrap.sh)"
    exit 0
fi
mapfile -t dirs < <(certbot_dirs)
certbot renew --non-interactive --no-random-sleep-on-renew "${dirs[@]}" --cert-name "$PGAW_CERT_NAME" \
    --deploy-hook "$here/deploy-hook.sh" "$@"
