# Shared by the certificate scripts: settings, logging, and the one place where
# certificate files are installed for their consumers. Sourced, never run.
# shellcheck shell=bash

# --- settings (environment variables; every one has a default) --------------
# PGAW_DOMAIN       the public DNS name; empty = no public name, self-signed only
# PGAW_ACME_EMAIL   contact for the ACME account (expiry mails); required with a domain
# PGAW_ACME_SERVER  ACME directory URL (Let's Encrypt production by default; staging
#                   https://acme-staging-v02.api.letsencrypt.org/directory for trials)
# PGAW_LE_DIR       certbot --config-dir (accounts, archive/, live/, renewal/)
# PGAW_ACME_WEBROOT directory nginx serves /.well-known/acme-challenge/ from
# PGAW_TLS_DIR      where every consumer (nginx, pgwire-proxy) reads fullchain.pem / privkey.pem
# PGAW_CERTS_GID    numeric group that may read privkey.pem (the proxy runs with it)
# PGAW_RELOAD_CMD   run after new files are in place (tells nginx); empty = nothing
PGAW_DOMAIN="${PGAW_DOMAIN:-}"
PGAW_ACME_EMAIL="${PGAW_ACME_EMAIL:-}"
PGAW_ACME_SERVER="${PGAW_ACME_SERVER:-https://acme-v02.api.letsencrypt.org/directory}"
PGAW_LE_DIR="${PGAW_LE_DIR:-/etc/letsencrypt}"
PGAW_LE_WORK_DIR="${PGAW_LE_WORK_DIR:-/var/lib/letsencrypt}"
PGAW_LE_LOG_DIR="${PGAW_LE_LOG_DIR:-/var/log/letsencrypt}"
PGAW_ACME_WEBROOT="${PGAW_ACME_WEBROOT:-/var/www/certbot}"
PGAW_TLS_DIR="${PGAW_TLS_DIR:-/etc/pgaw/tls}"
PGAW_CERTS_GID="${PGAW_CERTS_GID:-7443}"
PGAW_CERT_NAME="${PGAW_CERT_NAME:-pgaw}"
PGAW_SELF_SIGNED_DAYS="${PGAW_SELF_SIGNED_DAYS:-30}"
if [ -z "${PGAW_RELOAD_CMD+set}" ]; then
    if command -v nginx >/dev/null 2>&1; then PGAW_RELOAD_CMD="nginx -s reload"; else PGAW_RELOAD_CMD=""; fi
fi

[[ "$PGAW_CERTS_GID" =~ ^[0-9]{1,10}$ ]] || { echo "pgaw-certs: PGAW_CERTS_GID must be a number" >&2; exit 1; }
[[ "$PGAW_SELF_SIGNED_DAYS" =~ ^[0-9]{1,4}$ ]] || { echo "pgaw-certs: PGAW_SELF_SIGNED_DAYS must be a number of days" >&2; exit 1; }

log() { printf '%s pgaw-certs: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }
warn() { printf '%s pgaw-certs: WARNING: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { printf '%s pgaw-certs: ERROR: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; exit 1; }

require_settings_for_acme() {
    [[ "$PGAW_DOMAIN" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$ ]] \
        || die "PGAW_DOMAIN '$PGAW_DOMAIN' is not a DNS name"
    [[ "$PGAW_ACME_EMAIL" =~ ^[^@[:space:]]{1,64}@[^@[:space:]]{1,255}$ ]] \
        || die "PGAW_ACME_EMAIL must be set to an e-mail address when PGAW_DOMAIN is set"
    [[ "$PGAW_ACME_SERVER" =~ ^https://[^[:space:]]{1,2000}$ ]] || die "PGAW_ACME_SERVER must be an https:// URL"
}

# The certbot options every invocation shares, so renewals find the same state.
certbot_dirs() {
    printf '%s\n' --config-dir "$PGAW_LE_DIR" --work-dir "$PGAW_LE_WORK_DIR" --logs-dir "$PGAW_LE_LOG_DIR"
}

# Refuse a pair that no consumer could use: unreadable PEM, or a key that is not the
# certificate's. Nothing is replaced then, so nginx and the proxy keep the previous pair.
check_pair() {
    local cert="$1" key="$2" cert_pub key_pub
    [ -s "$cert" ] || { warn "certificate $cert is missing or empty"; return 1; }
    [ -s "$key" ] || { warn "private key $key is missing or empty"; return 1; }
    cert_pub="$(openssl x509 -in "$cert" -noout -pubkey 2>/dev/null)" \
        || { warn "certificate $cert is not a readable PEM certificate"; return 1; }
    key_pub="$(openssl pkey -in "$key" -pubout 2>/dev/null)" \
        || { warn "private key $key is not a readable PEM private key"; return 1; }
    [ "$cert_pub" = "$key_pub" ] || { warn "private key $key does not belong to certificate $cert"; return 1; }
}

# Install a pair into PGAW_TLS_DIR with the right group and modes. The copies are checked (not the
# sources, which could change meanwhile) and then renamed into place, the key first: a reader sees an
# old or a new file, never half a file, and a refused pair replaces nothing.
install_pair() {
    local cert="$1" key="$2" dir="$PGAW_TLS_DIR"
    mkdir -p "$dir"
    chmod 0755 "$dir"
    local tmp_key tmp_cert
    # mktemp creates 0600 files: the key is never readable by others on its way.
    tmp_key="$(mktemp "$dir/.privkey.pem.XXXXXX")"
    tmp_cert="$(mktemp "$dir/.fullchain.pem.XXXXXX")"
    if ! { cat "$key" >"$tmp_key" && cat "$cert" >"$tmp_cert"; } 2>/dev/null; then
        rm -f "$tmp_key" "$tmp_cert"
        warn "cannot read $cert or $key"
        return 1
    fi
    if ! check_pair "$tmp_cert" "$tmp_key"; then
        rm -f "$tmp_key" "$tmp_cert"
        warn "refused the pair $cert + $key"
        return 1
    fi
    if ! { chgrp "$PGAW_CERTS_GID" "$tmp_key" && chmod 0640 "$tmp_key" && chmod 0644 "$tmp_cert" \
            && mv -f "$tmp_key" "$dir/privkey.pem" && mv -f "$tmp_cert" "$dir/fullchain.pem"; }; then
        rm -f "$tmp_key" "$tmp_cert"
        warn "could not write into $dir"
        return 1
    fi
    log "installed $(openssl x509 -in "$dir/fullchain.pem" -noout -serial -enddate | tr '\n' ' ')into $dir"
}

reload_consumers() {
    if [ -z "$PGAW_RELOAD_CMD" ]; then
        log "PGAW_RELOAD_CMD is empty: nothing told to reload (pgwire-proxy picks new files up by itself)"
        return 0
    fi
    log "reloading: $PGAW_RELOAD_CMD"
    # Word splitting is wanted: the setting is a command line such as "nginx -s reload".
    # shellcheck disable=SC2086
    $PGAW_RELOAD_CMD || { warn "reload command failed: $PGAW_RELOAD_CMD"; return 1; }
}
