#!/usr/bin/env bash
# CI tools for the db module and the demo: the psql client, which the database image's init-script test
# (db InitScriptTest) and the demo's end-to-end test run for real. Idempotent; runs as root on Debian 12.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if command -v psql >/dev/null 2>&1; then
    echo "install-db: psql already present: $(psql --version)"
    exit 0
fi
pgaw_apt_install postgresql-client
psql --version
