# Sourced by the .ci/install-*.sh scripts: the steps they share. Needs root; every function is idempotent.

# pgaw_apt_install PACKAGE...: installs these Debian packages (none: nothing to do). A service a package brings
# (nginx, PostgreSQL) is not started, and a PostgreSQL server package creates no "main" cluster: the tests start
# their own servers on free ports.
pgaw_apt_install() {
  [ "$#" -gt 0 ] || return 0
  export DEBIAN_FRONTEND=noninteractive
  local package
  for package in "$@"; do
    case "$package" in postgresql|postgresql-[0-9]*) pgaw_no_main_cluster ;; esac
  done
  local policy=/usr/sbin/policy-rc.d had_policy=0
  [ -e "$policy" ] && had_policy=1
  [ "$had_policy" = 1 ] || { printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; }
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@"
  [ "$had_policy" = 1 ] || rm -f "$policy"
}

# Debian's PostgreSQL server packages create a "main" cluster unless told not to.
pgaw_no_main_cluster() {
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/pgaw-no-main-cluster.conf
}

# pgaw_pip_install REQUIREMENT...: into the system's python3; Debian 12's pip refuses that without
# --break-system-packages (PEP 668), older pips do not know the flag.
pgaw_pip_install() {
  python3 -m pip install --quiet "$@" || python3 -m pip install --quiet --break-system-packages "$@"
}
