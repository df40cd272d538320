#!/usr/bin/env bash
# The class load harness (issue 13): a class of learners against the real process stack on this machine
# (nginx → three pgAdmin replicas → pgwire-proxy as its own process → AdventureWorks in an embedded PostgreSQL),
# two phases back to back in one run: the well-behaved learners alone, then with the misbehaving share.
# Prints the report and writes report.json, report.md and report.png to --out.
#
#   stack/load/run.sh [--learners 60] [--psql 20] [--misbehaving 10%] [--minutes 10] [--out DIR]
#                     [--think 3-10] [--statement-timeout 30]
#
#   --learners N        learners in a browser through nginx and pgAdmin (default 60), misbehaving ones included
#   --psql M            learners with psql straight at the proxy (default 20), misbehaving ones included
#   --misbehaving S     share of each kind that misbehaves in the second phase: 10% or 0.1 (default 10%)
#   --minutes T         length of EACH phase (default 10; --minutes 1 for a smoke run; decimals allowed)
#   --think A-B         seconds a well-behaved learner thinks between queries, uniformly A..B (default 3-10)
#   --statement-timeout SECONDS   the proxy's guard.limits.statement_timeout (default 30, the proxy's default)
#   --out DIR           where the report goes (default stack/target/class-load)
#
# Needs what .ci/install-stack.sh and .ci/install-clients.sh install (pgAdmin venv, nginx, openssl, psql) and a JDK.
# Maven flags (e.g. -o for offline) can be passed in MVN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/../.."

learners=60 psql=20 misbehaving=10% minutes=10 think=3-10 timeout=30 out="$PWD/stack/target/class-load"
while [ $# -gt 0 ]; do
  case "$1" in
    --learners) learners="$2"; shift 2 ;;
    --psql) psql="$2"; shift 2 ;;
    --misbehaving) misbehaving="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --think) think="$2"; shift 2 ;;
    --statement-timeout) timeout="$2"; shift 2 ;;
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
think_min_ms=$(awk -v t="${think%-*}" 'BEGIN { printf "%d", t * 1000 }')
think_max_ms=$(awk -v t="${think#*-}" 'BEGIN { printf "%d", t * 1000 }')

echo "== class load: $learners pgAdmin + $psql psql learners, $misbehaving misbehaving, $minutes min per phase -> $out"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# One Maven run: package builds the proxy's shaded jar (the harness runs it as its own process), then the stack
# module's test phase runs only the harness class (its name is not a test's, so ./mvnw verify never runs it).
# shellcheck disable=SC2086
./mvnw ${MVN_FLAGS:-} -B -pl stack -am package -DskipTests=false \
  -Dtest=ClassLoadHarness -Dsurefire.failIfNoSpecifiedTests=false \
  -Dpgaw.load.learners="$learners" -Dpgaw.load.psql="$psql" -Dpgaw.load.misbehaving="$misbehaving" \
  -Dpgaw.load.minutes="$minutes" -Dpgaw.load.think_min_ms="$think_min_ms" -Dpgaw.load.think_max_ms="$think_max_ms" \
  -Dpgaw.load.statement_timeout_s="$timeout" -Dpgaw.load.out="$out"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== report: $out/report.md, $out/report.json, $out/report.png"
