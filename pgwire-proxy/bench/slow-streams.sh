#!/usr/bin/env bash
# Memory under many slow streams (issue 13.4): CLIENTS clients (200) each run a COPY of a RESULT_MB (100 MB) result
# through the proxy and read it slowly: first nothing for STALL_SECONDS (20), then RATE_KB (256) KB/s each, for
# DURATION (40) seconds in all. The proxy's RSS is sampled every 0.5 s; the result is its peak growth above its RSS when idle
# (after a warm-up stream, before the clients connect). Goal: under 64 MiB. Not a test: it prints numbers.
#
#   pgwire-proxy/bench/slow-streams.sh
#   JAR=/tmp/old.jar CLIENTS=200 pgwire-proxy/bench/slow-streams.sh      # a saved build, for before/after
#   knobs: CLIENTS RESULT_MB STALL_SECONDS RATE_KB DURATION PROXY_HEAP PROXY_JAVA_OPTS PROXY_ARGS GUARDS (false) PG_BIN JAR
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
MODULE="$(dirname "$HERE")"
REPO="$(dirname "$MODULE")"
CLIENTS="${CLIENTS:-200}"
RESULT_MB="${RESULT_MB:-100}"
STALL_SECONDS="${STALL_SECONDS:-20}"
RATE_KB="${RATE_KB:-256}"
DURATION="${DURATION:-40}"
PROXY_HEAP="${PROXY_HEAP:-256m}"
GUARDS="${GUARDS:-false}"
read -r -a PROXY_JAVA_OPTS <<<"${PROXY_JAVA_OPTS:-}"
read -r -a PROXY_ARGS <<<"${PROXY_ARGS:-}"   # more proxy flags, e.g. --limits-write-buffer-high 64KiB
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
RUN_AS=(runuser -u postgres --)
[ "$(id -u)" -eq 0 ] || RUN_AS=()

die() { echo "slow-streams: $*" >&2; exit 1; }
[ -x "$PG_BIN/postgres" ] || die "no PostgreSQL server binaries (apt-get install postgresql-15)"
for t in psql python3 java; do command -v "$t" >/dev/null || die "$t is missing"; done
JAR="${JAR:-$MODULE/target/pgwire-proxy.jar}"
if [ ! -f "$JAR" ]; then
  [ "$JAR" = "$MODULE/target/pgwire-proxy.jar" ] || die "no proxy jar at $JAR"
  (cd "$REPO" && ./mvnw -B -q -pl pgwire-proxy -am package -DskipTests)
fi

WORK="$(mktemp -d /tmp/pgaw-slow.XXXXXX)"
chmod 755 "$WORK"
PROXY_PID=
cleanup() {
  set +e
  [ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null && wait "$PROXY_PID" 2>/dev/null
  [ -d "$WORK/pg" ] && "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

PG_PORT="$(free_port)"
mkdir -p "$WORK/pg" && chown postgres:postgres "$WORK/pg" 2>/dev/null || true
"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -A trust -E UTF8 >/dev/null
cat >>"$WORK/pg/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK/pg'
max_connections = $((CLIENTS + 20))
CONF
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w start >/dev/null
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres PGSSLMODE=disable PSQLRC=/dev/null

PORT="$(free_port)"
LIMITS=(--limits-max-connections "$((CLIENTS + 10))" --limits-max-connections-per-ip "$((CLIENTS + 10))"
        --limits-max-unauthenticated-per-ip "$((CLIENTS + 10))")
java -jar "$JAR" --help 2>/dev/null | grep -q -- '--limits-max-sessions-per-user' && \
  LIMITS+=(--limits-max-sessions-per-user 0)
java -Xmx"$PROXY_HEAP" "${PROXY_JAVA_OPTS[@]}" -jar "$JAR" --listen "127.0.0.1:$PORT" --backend "127.0.0.1:$PG_PORT" \
  --admin-listen off --log-level warn --guard-enabled "$GUARDS" "${LIMITS[@]}" "${PROXY_ARGS[@]}" >"$WORK/proxy.out" 2>"$WORK/proxy.err" &
PROXY_PID=$!
for _ in $(seq 300); do
  psql -X -qAt -p "$PORT" -c "select 1" >/dev/null 2>&1 && break
  kill -0 "$PROXY_PID" 2>/dev/null || die "proxy did not start: $(cat "$WORK/proxy.err")"
  sleep 0.1
done
# Warm-up: one stream through the proxy, so the idle RSS already holds the JIT's code and the allocator's arenas.
psql -X -q -p "$PORT" -c "COPY (SELECT repeat('x', 999) FROM generate_series(1, 300000)) TO STDOUT" >/dev/null
sleep 2
echo "slow-streams: $CLIENTS clients x $RESULT_MB MB, stall ${STALL_SECONDS}s then ${RATE_KB} KB/s each, ${DURATION}s" >&2
python3 "$HERE/slow_readers.py" --port "$PORT" --pid "$PROXY_PID" --clients "$CLIENTS" --mb "$RESULT_MB" \
  --stall "$STALL_SECONDS" --rate-kb "$RATE_KB" --seconds "$DURATION"
