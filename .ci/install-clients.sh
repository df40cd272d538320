#!/usr/bin/env bash
# The client matrix of the attack suite (org.pgaw.proxy.attack.ClientMatrixTest) beyond pgjdbc/psql/psycopg:
# asyncpg (pip), node-postgres + pg-cursor (npm, into /opt/pgaw-clients/node-pg) and a pgx program (go build, into
# /opt/pgaw-clients/pgx/pgaw-pgx). Idempotent; runs as root on a clean Debian 12. With CI=true the tests fail (never
# skip) when one of these is missing.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clients="$here/pgwire-proxy/src/test/clients"
prefix="${PGAW_CLIENTS_DIR:-/opt/pgaw-clients}"

need_apt=()
command -v python3 >/dev/null 2>&1 || need_apt+=(python3 python3-pip)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
pgaw_apt_install "${need_apt[@]}"

# asyncpg: the strictest about parameter types (a bigint LIMIT must stay bigint) and reads cursors in batches.
if ! python3 -c 'import asyncpg' >/dev/null 2>&1; then
  pgaw_pip_install 'asyncpg>=0.29,<1'
fi
python3 -c 'import asyncpg; print("asyncpg", asyncpg.__version__)'

# node-postgres and pg-cursor, in a fixed folder the test points NODE_PATH at.
mkdir -p "$prefix/node-pg"
if [ ! -f "$prefix/node-pg/node_modules/pg-cursor/package.json" ]; then
  (cd "$prefix/node-pg" && { [ -f package.json ] || echo '{"name":"pgaw-node-pg","private":true}' > package.json; } \
    && npm install --silent --no-audit --no-fund pg@8 pg-cursor@2)
fi
node -e "console.log('pg', require('$prefix/node-pg/node_modules/pg/package.json').version)"

# pgx v5: built from the program in the repository (its go.sum pins the modules). Its go.mod names the Go it needs
# (1.25 or newer); Debian 12's golang-go is far older, so never install that: use the Go toolchain in /usr/local/go,
# as install-certs.sh does, or a go on PATH that is new enough. GOTOOLCHAIN=local: an old go must fail here, clearly,
# rather than fetch another toolchain behind our back.
go_needed="$(awk '$1 == "go" { print $2; exit }' "$clients/pgx/go.mod")"
go_at_least() { # go_at_least BINARY VERSION: the binary runs and reports that version or a newer one
  local have
  have="$(GOTOOLCHAIN=local "$1" env GOVERSION 2>/dev/null)" || return 1
  have="${have#go}"
  [ "$(printf '%s\n%s\n' "$2" "$have" | sort -V | head -n1)" = "$2" ]
}
go_bin=""
for candidate in /usr/local/go/bin/go "$(command -v go || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && go_at_least "$candidate" "$go_needed"; then
    go_bin="$candidate"
    break
  fi
done
if [ -z "$go_bin" ]; then
  echo "install-clients: building the pgx client needs Go >= $go_needed (see $clients/pgx/go.mod); found none in" \
    "/usr/local/go/bin or on PATH. Install the Go toolchain from https://go.dev/dl/ into /usr/local/go" \
    "(Debian's golang-go package is too old)." >&2
  exit 1
fi
echo "Go for pgx: $go_bin ($(GOTOOLCHAIN=local "$go_bin" env GOVERSION))"
mkdir -p "$prefix/pgx"
(cd "$clients/pgx" && GOTOOLCHAIN=local "$go_bin" build -o "$prefix/pgx/pgaw-pgx" .)
echo "pgx program: $prefix/pgx/pgaw-pgx"
