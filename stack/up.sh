#!/usr/bin/env bash
# First start (and every later start) of the class server.
#
#   stack/up.sh --admin-email teacher@school.example [--domain class.school.example] [--acme-email ops@...]
#
# Without --domain the stack runs on a self-signed certificate (stack/certs/); with it, certbot gets a
# Let's Encrypt certificate for that name (Let's Encrypt's notices go to --acme-email, default the admin).
#
# Creates the secrets once (random, mode 0600, in stack/secrets/, ignored by git), writes stack/.env,
# then builds and starts everything and waits until every service is healthy. Safe to run again: existing
# secrets are kept, running services are left alone unless their configuration changed.
source "$(dirname "$0")/lib.sh"

ADMIN_EMAIL="" DOMAIN="" ACME_EMAIL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --admin-email) ADMIN_EMAIL="${2:-}"; shift 2 ;;
    --domain) DOMAIN="${2:-}"; shift 2 ;;
    --acme-email) ACME_EMAIL="${2:-}"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

require_compose
ENV_FILE="$STACK_DIR/.env"
if [ -z "$ADMIN_EMAIL" ] && [ -f "$ENV_FILE" ]; then
  ADMIN_EMAIL="$(sed -n 's/^PGAW_ADMIN_EMAIL=//p' "$ENV_FILE")"
fi
[[ "$ADMIN_EMAIL" =~ ^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$ ]] \
  || die "give the teacher's e-mail address: stack/up.sh --admin-email you@school.example"

mkdir -p "$SECRETS_DIR"
chmod 700 "$SECRETS_DIR"
NEW_ADMIN_PASSWORD=""
for name in settings_db_password pgadmin_admin_password adventureworks_admin_password \
            adventureworks_owner_password adventureworks_learner_password teacher_console_password; do
  if [ ! -s "$SECRETS_DIR/$name" ]; then
    random_password > "$SECRETS_DIR/$name"
    [ "$name" = pgadmin_admin_password ] && NEW_ADMIN_PASSWORD="$(cat "$SECRETS_DIR/$name")"
  fi
done
# The containers read the secrets as their own (non-root) users: Compose bind-mounts these files.
chmod 644 "$SECRETS_DIR"/*

# No .env yet on the first start: sed fails, and under pipefail + set -e that must not end the script.
old_env() { sed -n "s/^$1=//p" "$ENV_FILE" 2>/dev/null | tail -n 1 || true; }
[ -n "$DOMAIN" ] || DOMAIN="$(old_env PGAW_DOMAIN)"
[ -n "$ACME_EMAIL" ] || ACME_EMAIL="$(old_env PGAW_ACME_EMAIL)"
[ -n "$ACME_EMAIL" ] || ACME_EMAIL="$ADMIN_EMAIL"
{
  echo "PGAW_ADMIN_EMAIL=$ADMIN_EMAIL"
  echo "PGAW_DOMAIN=$DOMAIN"
  echo "PGAW_ACME_EMAIL=$ACME_EMAIL"
  grep -v -E '^(PGAW_ADMIN_EMAIL|PGAW_DOMAIN|PGAW_ACME_EMAIL)=' "$ENV_FILE" 2>/dev/null || true
} > "$ENV_FILE.new"
mv "$ENV_FILE.new" "$ENV_FILE"

[ -f "$STACK_DIR/certs/Dockerfile" ] || die "stack/certs/ is missing (the certificate services are built from it)"

compose up -d --build --wait --wait-timeout 600
say "the stack is up: https://${DOMAIN:-<your domain>}/ (pgAdmin), ${DOMAIN:-<your domain>}:5432 (psql, TLS)"
say "teacher's console: https://${DOMAIN:-<your domain>}/teacher/ (password in $SECRETS_DIR/teacher_console_password)"
if [ -n "$NEW_ADMIN_PASSWORD" ]; then
  say "pgAdmin administrator: $ADMIN_EMAIL, password (shown this once; also in stack/secrets/pgadmin_admin_password):"
  printf '%s\n' "$NEW_ADMIN_PASSWORD"
fi
