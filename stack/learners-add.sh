#!/usr/bin/env bash
# Adds learners in bulk.
#
#   stack/learners-add.sh emails.txt [--out learners.csv]
#
# emails.txt: one address a line. Each NEW learner gets a pgAdmin account and a database role (for psql and
# for pgAdmin's AdventureWorks entry), each with its own random password. The passwords are written once,
# to the CSV (mode 0600) for the teacher, and nowhere else. Learners that already exist are skipped and
# listed; run learners-remove.sh first to reset one.
source "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || die "usage: stack/learners-add.sh EMAILS.txt [--out FILE.csv]"
FILE="$1"; shift
OUT="learners-$(date -u +%Y%m%d-%H%M%S).csv"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="${2:-}"; shift 2 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
[ -e "$OUT" ] && die "$OUT exists already; choose another --out"

read_emails "$FILE"
require_compose
require_running adventureworks settings-db

roles=()
for e in "${EMAILS[@]}"; do roles+=("$(role_for "$e")"); done
existing="$(printf '%s\n' "${roles[@]}" | aw_psql -At -c \
  "SELECT rolname FROM pg_roles WHERE rolname = ANY (string_to_array(\$\$$(printf '%s,' "${roles[@]}")\$\$, ','))")"

sql="" json="" csv="email,pgadmin_password,db_role,db_password"$'\n' added=()
for i in "${!EMAILS[@]}"; do
  e="${EMAILS[$i]}" r="${roles[$i]}"
  if grep -qx "$r" <<<"$existing"; then
    say "skipped $e: already a learner (role $r)"
    continue
  fi
  web_pw="$(random_password)" db_pw="$(random_password)"
  # Names and passwords are [a-z0-9_] / [A-Za-z0-9] only (see lib.sh), so plain quoting is exact.
  sql+="CREATE ROLE \"$r\" LOGIN PASSWORD '$db_pw' CONNECTION LIMIT 10 IN ROLE learner;"$'\n'
  sql+="COMMENT ON ROLE \"$r\" IS 'pgaw learner $e';"$'\n'
  json+="${json:+,}{\"email\":\"$e\",\"password\":\"$web_pw\",\"role\":\"$r\"}"
  csv+="$e,$web_pw,$r,$db_pw"$'\n'
  added+=("$r")
done
[ "${#added[@]}" -gt 0 ] || { say "nothing to add"; exit 0; }
# Role settings are not inherited through IN ROLE: copy the learner role's server-side limits (statement
# timeout, idle transaction timeout, temp file limit, read-only) to each new role, in the same transaction.
sql+="DO \$pgaw\$ DECLARE r text; s text; BEGIN
  FOREACH r IN ARRAY string_to_array('$(IFS=,; printf '%s' "${added[*]}")', ',') LOOP
    FOR s IN SELECT unnest(setconfig) FROM pg_db_role_setting
             WHERE setrole = 'learner'::regrole
               AND setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database())) LOOP
      EXECUTE format('ALTER ROLE %I IN DATABASE %I SET %s = %L', r, current_database(),
                     split_part(s, '=', 1), substr(s, strpos(s, '=') + 1));
    END LOOP;
  END LOOP;
END \$pgaw\$;"$'\n'

printf '%s' "$sql" | aw_psql -1 || die "could not create the database roles; nothing was changed"
if ! printf '[%s]' "$json" | compose run --rm -T --no-deps pgadmin-setup add-learners -; then
  say "pgAdmin accounts failed; removing the database roles just created so that a re-run starts clean"
  printf 'DROP ROLE IF EXISTS "%s";\n' "${added[@]}" | aw_psql -1 || true
  die "no learner was added"
fi
printf '%s' "$csv" > "$OUT"
say "${#added[@]} learner(s) added; their passwords are in $OUT (only there: hand it over, then delete it)"
