#!/usr/bin/env bash
# Loads AdventureWorks into $POSTGRES_DB on the database's FIRST start.
#
# The official postgres image runs /docker-entrypoint-initdb.d/*.sh once, against a temporary server that
# psql reaches with its defaults. The data was converted at image build time (org.pgaw.db.ExportMain) into
# $PGAW_AW_DIR: load.sql plus normalised COPY files; everything runs in one transaction (all or nothing).
#
# Secrets (Docker secrets style; NAME_FILE wins over NAME):
#   PGAW_OWNER_PASSWORD[_FILE]    password of the owner role (12+ characters)
#   PGAW_LEARNER_PASSWORD[_FILE]  password of the learner role (8+ characters)
# Optional: PGAW_OWNER_ROLE (aw_owner), PGAW_LEARNER_ROLE (learner), PGAW_LEARNER_CONNECTION_LIMIT (80),
#   PGAW_LEARNER_STATEMENT_TIMEOUT (60s), PGAW_LEARNER_IDLE_IN_TRANSACTION_TIMEOUT (10min),
#   PGAW_LEARNER_TEMP_FILE_LIMIT (1GB), PGAW_AW_DIR (/opt/pgaw/adventureworks).
set -Eeuo pipefail

aw_dir="${PGAW_AW_DIR:-/opt/pgaw/adventureworks}"

read_secret() {
    local name="$1" file_var="$1_FILE"
    if [ -n "${!file_var:-}" ]; then
        if [ ! -r "${!file_var}" ]; then
            echo "pgaw: $file_var points at ${!file_var}, which is not a readable file" >&2
            exit 1
        fi
        export "$name=$(cat -- "${!file_var}")"
    fi
    if [ -z "${!name:-}" ]; then
        echo "pgaw: set $name or ${name}_FILE (e.g. a Docker secret); refusing to create roles without a password" >&2
        exit 1
    fi
}

read_secret PGAW_OWNER_PASSWORD
read_secret PGAW_LEARNER_PASSWORD

if [ ! -r "$aw_dir/load.sql" ]; then
    echo "pgaw: $aw_dir/load.sql is missing; the image was not built with the AdventureWorks export" >&2
    exit 1
fi

cd "$aw_dir"
echo "pgaw: loading AdventureWorks into database ${POSTGRES_DB:-postgres} (one transaction)"
psql --no-psqlrc --quiet -v ON_ERROR_STOP=1 \
    --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
    -v owner="${PGAW_OWNER_ROLE:-aw_owner}" \
    -v learner="${PGAW_LEARNER_ROLE:-learner}" \
    -v learner_connection_limit="${PGAW_LEARNER_CONNECTION_LIMIT:-80}" \
    -v learner_statement_timeout="${PGAW_LEARNER_STATEMENT_TIMEOUT:-60s}" \
    -v learner_idle_in_transaction_timeout="${PGAW_LEARNER_IDLE_IN_TRANSACTION_TIMEOUT:-10min}" \
    -v learner_temp_file_limit="${PGAW_LEARNER_TEMP_FILE_LIMIT:-1GB}" \
    -f load.sql
psql --no-psqlrc --quiet --tuples-only --no-align \
    --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
    -c "SELECT 'pgaw: ' || shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"
