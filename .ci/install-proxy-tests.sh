#!/usr/bin/env bash
# What pgwire-proxy's integration tests (org.pgaw.proxy.it) and its benchmark need beyond a JDK.
# Idempotent; runs as root on a clean Debian 12. Without them those tests skip with a loud line (fail with CI=true).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

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
# The server package (for pgbench) creates no cluster and starts nothing (pgaw_apt_install): the tests start their own.
pgaw_apt_install "${need_apt[@]}"

# psycopg 3, the driver pgAdmin uses (binary wheel: brings its own libpq).
if ! python3 -c 'import psycopg' >/dev/null 2>&1; then
  pgaw_pip_install 'psycopg[binary]>=3.1,<4'
fi
python3 -c 'import psycopg; print("psycopg", psycopg.__version__)'
psql --version
pgbench --version
/usr/sbin/haproxy -v | head -1
