#!/usr/bin/env bash
# What pgwire-proxy's integration tests (org.pgaw.proxy.it) and its benchmark need beyond a JDK.
# Idempotent; runs as root on a clean Debian 12. Without them those tests skip with a loud line (fail with CI=true).
set -euo pipefail

need_apt=()
command -v psql >/dev/null 2>&1 || need_apt+=(postgresql-client)
command -v pgbench >/dev/null 2>&1 || need_apt+=(postgresql-client)
# PgBouncer is only used by pgwire-proxy/bench/run.sh, not by CI's tests; it is small, so CI has it too.
command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || need_apt+=(pgbouncer)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
# Debian's python3 comes without pip.
python3 -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
if [ "${#need_apt[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# psycopg 3, the driver pgAdmin uses (binary wheel: brings its own libpq).
if ! python3 -c 'import psycopg' >/dev/null 2>&1; then
  python3 -m pip install --quiet 'psycopg[binary]>=3.1,<4' \
    || python3 -m pip install --quiet --break-system-packages 'psycopg[binary]>=3.1,<4'
fi
python3 -c 'import psycopg; print("psycopg", psycopg.__version__)'
psql --version
pgbench --version
