#!/usr/bin/env bash
# What the TLS tests run as real clients: openssl s_client (TLS 1.1 refusal, ALPN as libpq 17 sends it)
# and psql (libpq without ALPN, sslmode=verify-full). Idempotent; runs as root on a clean Debian 12.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
pgaw_apt_install "${missing[@]}"
openssl version
psql --version
