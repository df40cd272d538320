#!/usr/bin/env bash
# pgwire-proxy benchmark: PostgreSQL direct vs PgBouncer (session mode) vs pgwire-proxy (guards off / on),
# all on loopback on this machine, in one go. Prints one table with ratios. Not a test: numbers, no verdicts.
#
#   pgwire-proxy/bench/run.sh            # full run: 3 x 8 s per cell, about 12 minutes
#   RUNS=1 SECONDS_PER_RUN=3 pgwire-proxy/bench/run.sh   # a quick look (about 2 minutes)
#   knobs (environment): RUNS SECONDS_PER_RUN SCALE CLIENTS PROTOCOLS PROXY_HEAP STREAM_ROWS WARMUP_SECONDS PG_BIN JAR
#                        PROXY_JAVA_OPTS (extra JVM flags, e.g. JFR) STREAM_TLS (both|plain|tls)
#                        JAR_BEFORE (a second build, measured in the same run: before/after under the same load)
#                        BEFORE_JAVA_OPTS (JVM flags of JAR_BEFORE's proxies instead of PROXY_JAVA_OPTS, e.g. to
#                        compare -Dpgaw.transport=epoll with the default on one build)
#
# Beside TPS it reports the CPU time (user + system, from /proc/PID/stat) the middlebox process (PgBouncer, the
# proxy JVM) spent during each run, divided by the transactions (or MB) it carried: on a shared 2-core machine that
# is steadier than TPS and it is what decides throughput once the cores are saturated.
#
# Needs: Debian postgresql-15 (server binaries), postgresql-client (psql, pgbench), pgbouncer, python3, a JDK.
# Runs PostgreSQL and PgBouncer as the 'postgres' OS user (both refuse root). Everything it starts, it stops.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
MODULE="$(dirname "$HERE")"
REPO="$(dirname "$MODULE")"
RUNS="${RUNS:-3}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-8}"
SCALE="${SCALE:-10}"
CLIENTS="${CLIENTS:-1 8 32}"
PROTOCOLS="${PROTOCOLS:-simple extended}"
PROXY_HEAP="${PROXY_HEAP:-256m}"
STREAM_ROWS="${STREAM_ROWS:-1000000}"   # x 1000 bytes: 1.0 GB
STREAM_TLS="${STREAM_TLS:-both}"         # stream plaintext, with TLS between client and middlebox, or both
read -r -a PROXY_JAVA_OPTS <<<"${PROXY_JAVA_OPTS:-}"
read -r -a BEFORE_JAVA_OPTS <<<"${BEFORE_JAVA_OPTS:-${PROXY_JAVA_OPTS:-}}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
PGBOUNCER="${PGBOUNCER:-$(command -v pgbouncer || echo /usr/sbin/pgbouncer)}"
RUN_AS=(runuser -u postgres --)
[ "$(id -u)" -eq 0 ] || RUN_AS=()

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$PG_BIN/postgres" ] || die "no PostgreSQL server binaries (apt-get install postgresql-15)"
[ -x "$PGBOUNCER" ] || die "no pgbouncer (apt-get install pgbouncer)"
for t in psql pgbench python3 java openssl; do command -v "$t" >/dev/null || die "$t is missing"; done

# JAR= another build (say, a copy made before a change), for a before/after comparison on the same machine.
JAR="${JAR:-$MODULE/target/pgwire-proxy.jar}"
if [ ! -f "$JAR" ]; then
  [ "$JAR" = "$MODULE/target/pgwire-proxy.jar" ] || die "no proxy jar at $JAR"
  echo "bench: building pgwire-proxy.jar (package, tests skipped)" >&2
  (cd "$REPO" && ./mvnw -B -q -pl pgwire-proxy -am package -DskipTests)
fi

WORK="$(mktemp -d /tmp/pgaw-bench.XXXXXX)"
chmod 755 "$WORK"
PIDS=()
cleanup() {
  set +e
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  [ -f "$WORK/pgbouncer.pid" ] && kill "$(cat "$WORK/pgbouncer.pid")" 2>/dev/null
  [ -d "$WORK/pg" ] && "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# CPU seconds (user + system) a process has used so far, in clock ticks; fields 14 and 15 of /proc/PID/stat
# (counted after the ") " that ends the command name, which may hold spaces).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
TICKS_PER_SECOND="$(getconf CLK_TCK)"

# One certificate for every TLS endpoint (PostgreSQL, PgBouncer, the proxy), so all sides do the same crypto.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout "$WORK/tls.key" -out "$WORK/tls.crt" \
  >/dev/null 2>&1 || die "openssl could not make a certificate"
chmod 600 "$WORK/tls.key"
chown postgres:postgres "$WORK/tls.key" "$WORK/tls.crt" 2>/dev/null || true

# ---- PostgreSQL
PG_PORT="$(free_port)"
mkdir -p "$WORK/pg" && chown postgres:postgres "$WORK/pg" 2>/dev/null || true
"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -A trust -E UTF8 >/dev/null
cat >>"$WORK/pg/postgresql.conf" <<CONF
ssl = on
ssl_cert_file = '$WORK/tls.crt'
ssl_key_file = '$WORK/tls.key'
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK/pg'
max_connections = 200
shared_buffers = 256MB
CONF
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w start >/dev/null
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres PGSSLMODE=disable PSQLRC=/dev/null PGCONNECT_TIMEOUT=10
psql -X -q -p "$PG_PORT" -c "CREATE DATABASE bench" >/dev/null
echo "bench: pgbench -i -s $SCALE" >&2
pgbench -i -q -s "$SCALE" -p "$PG_PORT" bench >/dev/null 2>&1

# ---- PgBouncer, session mode
BOUNCER_PORT="$(free_port)"
cat >"$WORK/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$PG_PORT
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $WORK/userlist.txt
pool_mode = session
max_client_conn = 200
default_pool_size = 64
ignore_startup_parameters = extra_float_digits
client_tls_sslmode = allow
client_tls_cert_file = $WORK/tls.crt
client_tls_key_file = $WORK/tls.key
pidfile = $WORK/pgbouncer.pid
logfile = $WORK/pgbouncer.log
INI
echo '"postgres" ""' >"$WORK/userlist.txt"
chown postgres:postgres "$WORK"/pgbouncer.ini "$WORK"/userlist.txt 2>/dev/null || true
chown postgres:postgres "$WORK" 2>/dev/null || true
"${RUN_AS[@]}" "$PGBOUNCER" -d "$WORK/pgbouncer.ini"
for _ in $(seq 100); do psql -X -qAt -p "$BOUNCER_PORT" -c "select 1" >/dev/null 2>&1 && break; sleep 0.1; done
BOUNCER_PID="$(cat "$WORK/pgbouncer.pid")"

# ---- pgwire-proxy (guards off, guards on): a JVM each
# pgbench's clients are one user: lift the per-user limits (20 sessions, 2 running statements by default) where the
# build has them; asked of each jar, since a JAR_BEFORE may know fewer flags.
per_user_flags() { # $1 = jar; prints the flags one per line
  local help; help="$(java -jar "$1" --help 2>/dev/null)"
  grep -q -- '--limits-max-sessions-per-user' <<<"$help" && printf '%s\n' --limits-max-sessions-per-user 0
  grep -q -- '--limits-max-running-statements-per-user' <<<"$help" && printf '%s\n' --limits-max-running-statements-per-user 0
  return 0
}
start_proxy() { # $1 = name, $2 = true|false (guards), $3 = jar; sets LAST_PID, LAST_PORT (no subshell: cleanup needs the pid)
  LAST_PORT="$(free_port)"
  local opts=("${PROXY_JAVA_OPTS[@]}")
  [ -n "${3:-}" ] && opts=("${BEFORE_JAVA_OPTS[@]}")
  local per_user; mapfile -t per_user < <(per_user_flags "${3:-$JAR}")
  java -Xmx"$PROXY_HEAP" "${opts[@]}" -jar "${3:-$JAR}" --listen "127.0.0.1:$LAST_PORT" \
    --backend "127.0.0.1:$PG_PORT" --admin-listen off --log-level warn --guard-enabled "$2" "${per_user[@]}" \
    --tls-cert-chain "$WORK/tls.crt" --tls-private-key "$WORK/tls.key" >"$WORK/$1.out" 2>"$WORK/$1.err" &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
  for _ in $(seq 300); do
    psql -X -qAt -p "$LAST_PORT" -c "select 1" >/dev/null 2>&1 && return 0
    kill -0 "$LAST_PID" 2>/dev/null || die "proxy $1 did not start: $(cat "$WORK/$1.err")"
    sleep 0.1
  done
  die "proxy $1 did not accept connections within 30 s: $(cat "$WORK/$1.err")"
}
start_proxy proxy false; PROXY_PID=$LAST_PID; PROXY_PORT=$LAST_PORT
start_proxy proxy-guards true; GUARD_PID=$LAST_PID; GUARD_PORT=$LAST_PORT
peak_rss_mib() { awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$1/status"; }

declare -A PORT=([direct]=$PG_PORT [pgbouncer]=$BOUNCER_PORT [proxy]=$PROXY_PORT [proxy_guards]=$GUARD_PORT)
# The middlebox whose CPU is measured (direct has none).
declare -A MIDDLEBOX=([pgbouncer]=$BOUNCER_PID [proxy]=$PROXY_PID [proxy_guards]=$GUARD_PID)
TARGETS=(direct pgbouncer proxy proxy_guards)
if [ -n "${JAR_BEFORE:-}" ]; then
  [ -f "$JAR_BEFORE" ] || die "no jar at JAR_BEFORE=$JAR_BEFORE"
  start_proxy before-proxy false "$JAR_BEFORE"; PORT[before_proxy]=$LAST_PORT; MIDDLEBOX[before_proxy]=$LAST_PID
  start_proxy before-guards true "$JAR_BEFORE"; PORT[before_guards]=$LAST_PORT; MIDDLEBOX[before_guards]=$LAST_PID
  TARGETS+=(before_proxy before_guards)
fi
ticks_of() { if [ -n "${MIDDLEBOX[$1]:-}" ]; then cpu_ticks "${MIDDLEBOX[$1]}"; else echo 0; fi; }
# JIT warm-up: a cold JVM would be measured in the first cells otherwise.
# Cold, the guards' lexer and plan cache measured 5x slower than warm; 10 s per protocol is enough here.
echo "bench: warming up the proxies (${WARMUP_SECONDS:-10}s per protocol each)" >&2
for t in "${TARGETS[@]}"; do
  case "$t" in direct|pgbouncer) continue ;; esac
  for proto in $PROTOCOLS; do
    pgbench -n -S -M "$proto" -c 4 -j 2 -T "${WARMUP_SECONDS:-10}" -p "${PORT[$t]}" bench >/dev/null 2>&1 \
      || die "warm-up against $t failed"
  done
done
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

echo "bench: pgbench -S, $RUNS x ${SECONDS_PER_RUN}s per cell" >&2
for proto in $PROTOCOLS; do
  for c in $CLIENTS; do
    j=$(( c < 2 ? c : 2 ))
    for run in $(seq "$RUNS"); do
      for t in "${TARGETS[@]}"; do   # interleaved, so drift on a shared machine hits every target alike
        before="$(ticks_of "$t")"
        out="$(pgbench -n -S -M "$proto" -c "$c" -j "$j" -T "$SECONDS_PER_RUN" -p "${PORT[$t]}" bench 2>&1)" \
          || die "pgbench failed against $t: $out"
        ticks=$(( $(ticks_of "$t") - before ))
        txs="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")"
        tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")"
        lat="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")"
        failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")"
        [ "${failed:-0}" = 0 ] || die "pgbench against $t had $failed failed transactions"
        us_per_tx="$(python3 -c "print(round($ticks * 1e6 / $TICKS_PER_SECOND / max($txs, 1), 1))")"
        printf 'pgbench\t%s\t%s\t%s\t%s\t%s\t%s\n' "$proto" "$c" "$t" "$tps" "$lat" "$us_per_tx" >>"$RESULTS"
        echo "  $proto c=$c run $run $t: $tps tps, $lat ms, middlebox CPU $us_per_tx us/tx" >&2
      done
    done
  done
done
RSS_PGBENCH="$(peak_rss_mib "$PROXY_PID")"
RSS_PGBENCH_GUARDS="$(peak_rss_mib "$GUARD_PID")"

# ---- streaming 1 GB through COPY TO STDOUT into psql; a fresh guards-off proxy so its peak RSS is its own
start_proxy proxy-stream false; STREAM_PID=$LAST_PID; STREAM_PORT=$LAST_PORT
PORT[proxy_stream]=$STREAM_PORT
MIDDLEBOX[proxy_stream]=$STREAM_PID
STREAM_TARGETS=(direct pgbouncer proxy_stream)
if [ -n "${JAR_BEFORE:-}" ]; then
  start_proxy before-stream false "$JAR_BEFORE"; PORT[before_stream]=$LAST_PORT; MIDDLEBOX[before_stream]=$LAST_PID
  STREAM_TARGETS+=(before_stream)
  psql -X -q -p "$LAST_PORT" -c "COPY (SELECT repeat('x', 999) FROM generate_series(1, 200000)) TO STDOUT" >/dev/null
  PGSSLMODE=require psql -X -q -p "$LAST_PORT" \
    -c "COPY (SELECT repeat('x', 999) FROM generate_series(1, 200000)) TO STDOUT" >/dev/null
fi
psql -X -q -p "$STREAM_PORT" -c "COPY (SELECT repeat('x', 999) FROM generate_series(1, 200000)) TO STDOUT" >/dev/null
PGSSLMODE=require psql -X -q -p "$STREAM_PORT" \
  -c "COPY (SELECT repeat('x', 999) FROM generate_series(1, 200000)) TO STDOUT" >/dev/null
COPY_SQL="COPY (SELECT repeat('x', 999) FROM generate_series(1, $STREAM_ROWS)) TO STDOUT"
case "$STREAM_TLS" in both) MODES="disable require" ;; tls) MODES=require ;; *) MODES=disable ;; esac
echo "bench: streaming $STREAM_ROWS x 1000 bytes (client sslmode: $MODES)" >&2
for run in $(seq "$RUNS"); do
  for mode in $MODES; do
    for t in "${STREAM_TARGETS[@]}"; do
      before="$(ticks_of "$t")"
      start=$(date +%s.%N)
      bytes="$(PGSSLMODE=$mode psql -X -v ON_ERROR_STOP=1 -p "${PORT[$t]}" -c "$COPY_SQL" | wc -c)"
      end=$(date +%s.%N)
      ticks=$(( $(ticks_of "$t") - before ))
      mbs="$(python3 -c "print(round($bytes / 1e6 / ($end - $start), 1))")"
      us_per_mb="$(python3 -c "print(round($ticks * 1e6 / $TICKS_PER_SECOND / max($bytes / 1e6, 1e-9), 1))")"
      printf 'stream\t%s\t-\t%s\t%s\t%s\t%s\n' "$mode" "$t" "$mbs" "$bytes" "$us_per_mb" >>"$RESULTS"
      echo "  stream run $run sslmode=$mode $t: $bytes bytes, $mbs MB/s, middlebox CPU $us_per_mb us/MB" >&2
    done
  done
done
RSS_STREAM="$(peak_rss_mib "$STREAM_PID")"

python3 "$HERE/table.py" "$RESULTS" "$RSS_PGBENCH" "$RSS_PGBENCH_GUARDS" "$RSS_STREAM" "$PROXY_HEAP" \
  "$RUNS" "$SECONDS_PER_RUN" "$SCALE" "$("$PG_BIN/postgres" --version)" "$("$PGBOUNCER" --version | head -1)"
