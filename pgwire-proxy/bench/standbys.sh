#!/usr/bin/env bash
# Read throughput of learners through pgwire-proxy with ONE standby vs TWO standbys, in one run (issue 15).
# A primary and two streaming standbys (pg_basebackup -R) on this machine; two proxies, one configured with
# standby 1 only, one with both; LEARNERS pgbench -S processes (one role each, CLIENTS sessions each: one
# learner's sessions stay on one standby, so several learners are needed to spread) run against each in turn,
# interleaved RUNS times. With PIN=1 (default when there are 2+ CPUs) each standby is pinned to its own CPU with
# taskset, standing in for two machines: "1 standby" then has one CPU for PostgreSQL, "2 standbys" two.
# Prints medians of total TPS and the proxy's CPU per 1000 transactions. Not a test: numbers, no verdicts.
#
#   pgwire-proxy/bench/standbys.sh                       # 3 x 10 s per layout
#   RUNS=1 SECONDS_PER_RUN=5 pgwire-proxy/bench/standbys.sh
#   knobs: RUNS SECONDS_PER_RUN SCALE LEARNERS CLIENTS PIN PG_BIN JAR PROXY_HEAP
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
MODULE="$(dirname "$HERE")"
REPO="$(dirname "$MODULE")"
RUNS="${RUNS:-3}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
SCALE="${SCALE:-10}"
LEARNERS="${LEARNERS:-8}"
CLIENTS="${CLIENTS:-2}"
PROXY_HEAP="${PROXY_HEAP:-256m}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
CPUS="$(nproc)"
PIN="${PIN:-$([ "$CPUS" -ge 2 ] && echo 1 || echo 0)}"
RUN_AS=(runuser -u postgres --)
[ "$(id -u)" -eq 0 ] || RUN_AS=()

die() { echo "standbys: $*" >&2; exit 1; }
[ -x "$PG_BIN/pg_basebackup" ] || die "no PostgreSQL server binaries in $PG_BIN (apt-get install postgresql-15)"
for t in psql pgbench python3 java taskset; do command -v "$t" >/dev/null || die "$t is missing"; done
JAR="${JAR:-$MODULE/target/pgwire-proxy.jar}"
if [ ! -f "$JAR" ]; then
  echo "standbys: building pgwire-proxy.jar (package, tests skipped)" >&2
  (cd "$REPO" && ./mvnw -B -q -pl pgwire-proxy -am package -DskipTests)
fi

WORK="$(mktemp -d /tmp/pgaw-standbys.XXXXXX)"
chmod 755 "$WORK"
PIDS=()
cleanup() {
  set +e
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  for d in s2 s1 primary; do
    [ -d "$WORK/$d" ] && "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/$d" -m immediate -w stop >/dev/null 2>&1
  done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pin() { # $1 = cpu or "" ; the rest: the command
  local cpu="$1"; shift
  if [ "$PIN" = 1 ] && [ -n "$cpu" ]; then taskset -c "$cpu" "$@"; else "$@"; fi
}
start_pg() { # $1 = dir, $2 = port, $3 = cpu
  pin "$3" "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/$1" -l "$WORK/$1/server.log" -o "-p $2" -w start >/dev/null
}

export PGHOST=127.0.0.1 PGSSLMODE=disable PSQLRC=/dev/null PGCONNECT_TIMEOUT=10
P0="$(free_port)"; P1="$(free_port)"; P2="$(free_port)"
mkdir -p "$WORK/primary" && chown postgres:postgres "$WORK/primary" 2>/dev/null || true
"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$WORK/primary" -U postgres -A trust -E UTF8 --no-sync >/dev/null
cat >>"$WORK/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
shared_buffers = 128MB
fsync = off
CONF
start_pg primary "$P0" ""
psql -X -q -U postgres -p "$P0" -c "CREATE DATABASE bench" >/dev/null
pgbench -i -q -s "$SCALE" -U postgres -p "$P0" bench >/dev/null 2>&1
psql -X -q -U postgres -p "$P0" -d bench -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO PUBLIC" >/dev/null
for i in $(seq "$LEARNERS"); do psql -X -q -U postgres -p "$P0" -c "CREATE ROLE learner$i LOGIN" >/dev/null; done
for s in 1 2; do
  mkdir -p "$WORK/s$s" && chown postgres:postgres "$WORK/s$s" && chmod 700 "$WORK/s$s" 2>/dev/null || true
  "${RUN_AS[@]}" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$P0" -U postgres -D "$WORK/s$s" -R -X stream -c fast --no-sync
done
start_pg s1 "$P1" 0
start_pg s2 "$P2" 1

start_proxy() { # $1 = name, $2 = standbys; sets LAST_PID, LAST_PORT
  LAST_PORT="$(free_port)"
  java -Xmx"$PROXY_HEAP" -jar "$JAR" --listen "127.0.0.1:$LAST_PORT" --backend "127.0.0.1:$P0" \
    --backend-standbys-hosts "$2" --backend-standbys-health-user postgres --admin-listen off --log-level warn \
    >"$WORK/$1.out" 2>"$WORK/$1.err" &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
  for _ in $(seq 300); do
    psql -X -qAt -U learner1 -p "$LAST_PORT" -d bench -c "select 1" >/dev/null 2>&1 && return 0
    kill -0 "$LAST_PID" 2>/dev/null || die "proxy $1 did not start: $(cat "$WORK/$1.err")"
    sleep 0.1
  done
  die "proxy $1 did not accept connections within 30 s"
}
start_proxy one "127.0.0.1:$P1"; ONE_PID=$LAST_PID; ONE_PORT=$LAST_PORT
start_proxy two "127.0.0.1:$P1,127.0.0.1:$P2"; TWO_PID=$LAST_PID; TWO_PORT=$LAST_PORT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run_layout() { # $1 = port; prints "tps"
  local outs=() i
  for i in $(seq "$LEARNERS"); do
    pgbench -n -S -c "$CLIENTS" -j 1 -T "$SECONDS_PER_RUN" -U "learner$i" -p "$1" bench >"$WORK/pgbench.$i" 2>&1 &
    outs+=($!)
  done
  for p in "${outs[@]}"; do wait "$p" || die "pgbench failed: $(cat "$WORK"/pgbench.*)"; done
  cat "$WORK"/pgbench.* | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | awk '{s += $1} END {printf "%.0f", s}'
}
echo "standbys: warming up" >&2
SECONDS_PER_RUN=5 run_layout "$ONE_PORT" >/dev/null
SECONDS_PER_RUN=5 run_layout "$TWO_PORT" >/dev/null
declare -A TPS CPU
HZ="$(getconf CLK_TCK)"
for run in $(seq "$RUNS"); do
  for layout in one two; do
    pid=ONE_PID; port=ONE_PORT
    [ "$layout" = two ] && { pid=TWO_PID; port=TWO_PORT; }
    before="$(cpu_ticks "${!pid}")"
    tps="$(run_layout "${!port}")"
    after="$(cpu_ticks "${!pid}")"
    # proxy CPU ms per 1000 transactions
    cpu="$(awk -v t="$tps" -v d="$((after - before))" -v hz="$HZ" -v s="$SECONDS_PER_RUN" \
      'BEGIN {printf "%.1f", (d * 1000 / hz) / (t * s / 1000)}')"
    TPS[$layout]+="$tps "; CPU[$layout]+="$cpu "
    echo "standbys: run $run, $layout standby(s): $tps tps, proxy $cpu ms CPU per 1000 tx" >&2
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
echo
echo "pgbench -S through pgwire-proxy (guards on), $LEARNERS learners x $CLIENTS sessions, $RUNS x ${SECONDS_PER_RUN}s," \
  "pinning=$PIN, $CPUS CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-12s %12s %26s\n" layout "median tps" "proxy CPU ms / 1000 tx"
for layout in one two; do
  printf "%-12s %12s %26s\n" "$layout" "$(echo "${TPS[$layout]}" | median)" "$(echo "${CPU[$layout]}" | median)"
done
