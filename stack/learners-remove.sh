#!/usr/bin/env bash
# Removes learners: their pgAdmin account (with its saved settings) and their database role (with anything
# they created). Their open sessions are ended first.
#
#   stack/learners-remove.sh emails.txt
#
# Addresses that are not learners are reported and skipped; running it twice is harmless.
source "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || die "usage: stack/learners-remove.sh EMAILS.txt"
read_emails "$1"
require_compose
require_running adventureworks settings-db

sql=""
for e in "${EMAILS[@]}"; do
  r="$(role_for "$e")"
  sql+="SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '$r';"$'\n'
  sql+="DO \$\$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$r') THEN
          EXECUTE 'DROP OWNED BY \"$r\"'; EXECUTE 'DROP ROLE \"$r\"'; RAISE NOTICE 'removed role $r ($e)';
        ELSE RAISE NOTICE 'no role $r ($e): skipped'; END IF; END \$\$;"$'\n'
done
printf '%s' "$sql" | aw_psql -1 -o /dev/null || die "could not remove the database roles; nothing was changed"
printf '%s\n' "${EMAILS[@]}" | compose run --rm -T --no-deps pgadmin-setup remove-learners - \
  || die "database roles removed, but pgAdmin accounts were not: run this again"
say "${#EMAILS[@]} address(es) processed"
