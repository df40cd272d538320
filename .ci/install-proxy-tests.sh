#!/usr/bin/env bash
# What pgwire-proxy's integration tests (org.pgaw.proxy.it) and its benchmark need beyond a JDK.
# Idempotent; runs as root on a clean Debian 12. Without them those tests skip with a loud line (fail with CI=true).
set -euo pipefail

need_apt=()
command -v psql >/dev/null 2>&1 || need_apt+=(postgresql-client)
# Debian's /usr/bin/pgbench (postgresql-client-common) is only a wrapper: the program is in the server package.
pgbench --version >/dev/null 2>&1 || need_apt+=(postgresql)
# PgBouncer is only used by pgwire-proxy/bench/run.sh, not by CI's tests; it is small, so CI has it too.
command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || need_apt+=(pgbouncer)
# HAProxy: the TCP load balancer in front of two proxies in cluster/ScaleOutProcessTest (issue 15).
[ -x /usr/sbin/haproxy ] || need_apt+=(haproxy)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
# The teacher's console is tested in a real browser (ConsoleBrowserTest): headless Chromium and its driver.
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
# Debian's python3 comes without pip.
python3 -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
if [ "${#need_apt[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # The server package (for pgbench) must neither create a cluster nor start one: the tests start their own.
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/pgaw-no-main-cluster.conf
  policy=/usr/sbin/policy-rc.d
  had_policy=0; [ -e "$policy" ] && had_policy=1
  [ "$had_policy" = 1 ] || { printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; }
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
  [ "$had_policy" = 1 ] || rm -f "$policy"
fi

# psycopg 3, the driver pgAdmin uses (binary wheel: brings its own libpq).
if ! python3 -c 'import psycopg' >/dev/null 2>&1; then
  python3 -m pip install --quiet 'psycopg[binary]>=3.1,<4' \
    || python3 -m pip install --quiet --break-system-packages 'psycopg[binary]>=3.1,<4'
fi
python3 -c 'import psycopg; print("psycopg", psycopg.__version__)'
psql --version
pgbench --version
/usr/sbin/haproxy -v | head -1
