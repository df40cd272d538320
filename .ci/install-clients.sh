#!/usr/bin/env bash
# The client matrix of the attack suite (org.pgaw.proxy.attack.ClientMatrixTest) beyond pgjdbc/psql/psycopg:
# asyncpg (pip), node-postgres + pg-cursor (npm, into /opt/pgaw-clients/node-pg) and a pgx program (go build, into
# /opt/pgaw-clients/pgx/pgaw-pgx). Idempotent; runs as root on a clean Debian 12. With CI=true the tests fail (never
# skip) when one of these is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clients="$here/pgwire-proxy/src/test/clients"
prefix="${PGAW_CLIENTS_DIR:-/opt/pgaw-clients}"

need_apt=()
command -v python3 >/dev/null 2>&1 || need_apt+=(python3 python3-pip)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if ! command -v go >/dev/null 2>&1 && [ ! -x /usr/local/go/bin/go ]; then need_apt+=(golang-go); fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi
export PATH="$PATH:/usr/local/go/bin"

# asyncpg: the strictest about parameter types (a bigint LIMIT must stay bigint) and reads cursors in batches.
if ! python3 -c 'import asyncpg' >/dev/null 2>&1; then
  python3 -m pip install --quiet 'asyncpg>=0.29,<1' \
    || python3 -m pip install --quiet --break-system-packages 'asyncpg>=0.29,<1'
fi
python3 -c 'import asyncpg; print("asyncpg", asyncpg.__version__)'

# node-postgres and pg-cursor, in a fixed folder the test points NODE_PATH at.
mkdir -p "$prefix/node-pg"
if [ ! -f "$prefix/node-pg/node_modules/pg-cursor/package.json" ]; then
  (cd "$prefix/node-pg" && { [ -f package.json ] || echo '{"name":"pgaw-node-pg","private":true}' > package.json; } \
    && npm install --silent --no-audit --no-fund pg@8 pg-cursor@2)
fi
node -e "console.log('pg', require('$prefix/node-pg/node_modules/pg/package.json').version)"

# pgx v5: built from the program in the repository (its go.sum pins the modules).
mkdir -p "$prefix/pgx"
(cd "$clients/pgx" && go build -o "$prefix/pgx/pgaw-pgx" .)
echo "pgx program: $prefix/pgx/pgaw-pgx"
