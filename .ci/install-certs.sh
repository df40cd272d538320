#!/usr/bin/env bash
# What the certificate lifecycle test (stack/src/test/java/org/pgaw/stack/certs) needs: nginx, certbot, openssl,
# psql, util-linux (unshare, setpriv) from Debian, and Pebble + pebble-challtestsrv (Let's Encrypt's ACME test
# server and its DNS) built with the Go toolchain into /usr/local/bin. Idempotent; runs as root.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PEBBLE_VERSION=v2.10.3

need_apt=()
command -v nginx >/dev/null 2>&1 || need_apt+=(nginx)
command -v certbot >/dev/null 2>&1 || need_apt+=(certbot)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v psql >/dev/null 2>&1 || need_apt+=(postgresql-client)
command -v unshare >/dev/null 2>&1 && command -v setpriv >/dev/null 2>&1 || need_apt+=(util-linux)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
pgaw_apt_install "${need_apt[@]}"
# An nginx installed before may run as a system service on port 80 where an init system exists; the test runs its own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
    systemctl stop nginx || true
fi

. "$(dirname "${BASH_SOURCE[0]}")/go-toolchain.sh"
pgaw_go_on_path
# `pebble -version` says "dev" for a go-installed binary; the module version is in the build info.
have_pebble() {
    for bin in pebble pebble-challtestsrv; do
        [ -x "/usr/local/bin/$bin" ] || return 1
        go version -m "/usr/local/bin/$bin" 2>/dev/null | grep -q "github.com/letsencrypt/pebble/v2[[:space:]]*${PEBBLE_VERSION}" || return 1
    done
}
if ! have_pebble; then
    pgaw_ensure_go
    GOBIN=/usr/local/bin go install \
        "github.com/letsencrypt/pebble/v2/cmd/pebble@${PEBBLE_VERSION}" \
        "github.com/letsencrypt/pebble/v2/cmd/pebble-challtestsrv@${PEBBLE_VERSION}"
fi
go version -m /usr/local/bin/pebble | grep -m1 "mod[[:space:]]"
certbot --version
nginx -v
