# Shared by the operator scripts in this folder (sourced, not run).
set -euo pipefail
umask 077

STACK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Where the generated secrets live: stack/secrets/, or PGAW_SECRETS_DIR (environment, or stack/.env as Compose
# reads it) when set. Absolute only: Compose and these scripts must resolve it to the same folder.
SECRETS_DIR="${PGAW_SECRETS_DIR:-$(sed -n 's/^PGAW_SECRETS_DIR=//p' "$STACK_DIR/.env" 2>/dev/null | tail -n 1 || true)}"
SECRETS_DIR="${SECRETS_DIR:-$STACK_DIR/secrets}"
case "$SECRETS_DIR" in
  /*) ;;
  *) echo "pgaw: PGAW_SECRETS_DIR must be an absolute path, not '$SECRETS_DIR'" >&2; exit 2 ;;
esac

die() { echo "pgaw: $*" >&2; exit 2; }
say() { echo "pgaw: $*" >&2; }

compose() {
  docker compose --project-directory "$STACK_DIR" -f "$STACK_DIR/compose.yaml" "$@"
}

require_compose() {
  command -v docker >/dev/null 2>&1 || die "docker is not installed (https://docs.docker.com/engine/install/)"
  docker compose version >/dev/null 2>&1 || die "the Docker Compose v2 plugin is missing ('docker compose version' fails)"
}

require_running() {
  local svc
  for svc in "$@"; do
    [ -n "$(compose ps --status running -q "$svc" 2>/dev/null)" ] \
      || die "the service '$svc' is not running; start the stack with stack/up.sh first"
  done
}

# 24 characters from [A-Za-z0-9] (about 140 bits): safe in URLs, CSV, JSON and psql without quoting trouble.
random_password() {
  local p=""
  while [ "${#p}" -lt 24 ]; do
    p="$p$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  done
  printf '%s' "${p:0:24}"
}

# Reads e-mail addresses, one a line ('#' comments and blank lines ignored), lower-cases and de-duplicates
# them, and stops with every bad line listed before anything is changed.
read_emails() {
  local file="$1" n=0 bad="" line
  [ -r "$file" ] || die "cannot read '$file'"
  EMAILS=()
  declare -A seen=()
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    line="${line%%#*}"; line="$(printf '%s' "$line" | tr -d '[:space:]' | tr '[:upper:]' '[:lower:]')"
    [ -z "$line" ] && continue
    if [ "${#line}" -gt 254 ] || ! [[ "$line" =~ ^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$ ]]; then
      bad="$bad line $n: '$line'"$'\n'
      continue
    fi
    [ -n "${seen[$line]:-}" ] && continue
    seen[$line]=1
    EMAILS+=("$line")
  done < "$file"
  [ -z "$bad" ] || die "not e-mail addresses in $file (nothing was changed):"$'\n'"$bad"
  [ "${#EMAILS[@]}" -gt 0 ] || die "no e-mail addresses in $file"
}

# A learner's database role: the address's local part made safe, plus 6 hex digits of its hash so that two
# learners called alice at different schools never share a role. Deterministic: removal finds it again.
role_for() {
  local email="$1" local_part hash
  local_part="$(printf '%s' "${email%@*}" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9\n' '_' | cut -c1-40)"
  hash="$(printf '%s' "$email" | sha256sum | cut -c1-6)"
  printf 'l_%s_%s' "$local_part" "$hash"
}

# psql as the superuser inside the AdventureWorks container; SQL on stdin, one transaction, stop on error.
aw_psql() {
  compose exec -T adventureworks psql -X -q -v ON_ERROR_STOP=1 -U postgres -d adventureworks "$@"
}
