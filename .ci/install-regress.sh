#!/usr/bin/env bash
# PostgreSQL 15's own regression suite (src/test/regress: sql/, expected/, data/, parallel_schedule) and the server
# programs that run it (initdb, postgres, pg_regress from Debian's postgresql-15), for pgwire-proxy's
# org.pgaw.proxy.regress tests: PostgreSQL's SQL corpus straight to a PostgreSQL 15 and through the proxy.
# PostgreSQL's files are not committed here: they come from Debian's source package at CI time, through apt with a
# private deb-src list (the machine's own apt configuration is left as it is), into $PGAW_REGRESS_HOME
# (default /opt/pgaw-regress). Idempotent; runs as root on a clean Debian 12. Without it those tests skip with a
# loud line (fail with CI=true).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

home="${PGAW_REGRESS_HOME:-/opt/pgaw-regress}"
suite="$home/postgresql-15"
export DEBIAN_FRONTEND=noninteractive

need_apt=()
# The server package has initdb, postgres and pgxs's pg_regress; it creates no cluster (pgaw_apt_install).
[ -x /usr/lib/postgresql/15/lib/pgxs/src/test/regress/pg_regress ] || need_apt+=(postgresql-15)
command -v bzip2 >/dev/null 2>&1 || need_apt+=(bzip2)
command -v runuser >/dev/null 2>&1 || need_apt+=(util-linux)
pgaw_apt_install "${need_apt[@]}"

server_version="$(dpkg-query -W -f='${Version}' postgresql-15)"
if [ -f "$suite/VERSION" ] && [ "$(cat "$suite/VERSION")" = "$server_version" ] \
    && [ -f "$suite/parallel_schedule" ] && [ -d "$suite/sql" ]; then
  echo "install-regress: PostgreSQL $server_version regression suite already in $suite"
  exit 0
fi

# apt-get source with a deb-src list of our own: Dir::Etc::SourceList/SourceParts point only at it, lists and cache
# live in a temporary folder, so /etc/apt and the machine's package lists stay untouched.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/src"
cat > "$work/sources.list" <<'EOF'
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian bookworm-updates main
deb-src http://deb.debian.org/debian-security bookworm-security main
EOF
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/none"
          -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "APT::Sandbox::User=root")
apt-get "${apt_opts[@]}" update -qq
# The source of the installed server first (its tests match its behaviour); if the mirror no longer has that exact
# version, the newest 15.x it has (the differential test compares direct with proxied runs, not with expected/).
(cd "$work/src" && { apt-get "${apt_opts[@]}" source --download-only -qq "postgresql-15=$server_version" \
    || apt-get "${apt_opts[@]}" source --download-only -qq postgresql-15; })
orig="$(ls "$work"/src/postgresql-15_*.orig.tar.* | head -n 1)"
tar -xf "$orig" -C "$work/src" --wildcards '*/src/test/regress/*'
regress_dir="$(echo "$work"/src/postgresql-*/src/test/regress)"
[ -f "$regress_dir/parallel_schedule" ] || { echo "install-regress: no src/test/regress in $orig" >&2; exit 1; }

rm -rf "$suite"
mkdir -p "$home"
mv "$regress_dir" "$suite"
echo "$server_version" > "$suite/VERSION"
basename "$orig" > "$suite/SOURCE"
# The server (run as the postgres user) writes COPY ... TO files under the output folder and reads data/ from here.
chmod -R a+rX "$home"
echo "install-regress: $(cat "$suite/SOURCE") → $suite ($(ls "$suite/sql" | wc -l) SQL files; server $server_version)"
