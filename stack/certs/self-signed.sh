#!/usr/bin/env bash
# Puts a self-signed placeholder into PGAW_TLS_DIR when no usable pair is there, so nginx
# and pgwire-proxy can start on a machine without a public name and before the first
# ACME issuance (nginx must be up to answer the http-01 challenge). A usable pair (a
# real certificate, or an earlier placeholder) is left alone.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

if check_pair "$PGAW_TLS_DIR/fullchain.pem" "$PGAW_TLS_DIR/privkey.pem" 2>/dev/null; then
    log "a usable certificate is already in $PGAW_TLS_DIR; placeholder not needed"
    exit 0
fi

name="${PGAW_DOMAIN:-localhost}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$work/privkey.pem" -out "$work/fullchain.pem" -days "$PGAW_SELF_SIGNED_DAYS" \
    -subj "/CN=$name" -addext "subjectAltName=DNS:$name" 2>/dev/null \
    || die "openssl could not make a self-signed certificate for $name"
install_pair "$work/fullchain.pem" "$work/privkey.pem" || die "could not install the placeholder"
log "self-signed placeholder for $name installed (valid $PGAW_SELF_SIGNED_DAYS days)"
