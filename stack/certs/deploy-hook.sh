#!/usr/bin/env bash
# certbot --deploy-hook: runs after every successful issuance or renewal (certbot stores
# it in the lineage's renewal config, so `certbot renew` runs it too). Copies the new
# pair to PGAW_TLS_DIR with the group and modes every consumer needs, then reloads nginx.
# pgwire-proxy needs no signal: it polls its files and swaps the certificate by itself.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

lineage="${RENEWED_LINEAGE:-$PGAW_LE_DIR/live/$PGAW_CERT_NAME}"
install_pair "$lineage/fullchain.pem" "$lineage/privkey.pem" \
    || die "new certificate in $lineage refused; consumers keep the previous one"
reload_consumers
