#!/usr/bin/env bash
# The certbot service's main loop: bootstrap (retried until it succeeds), then a renewal
# check every PGAW_RENEW_INTERVAL seconds (default 12 h, with up to 1 h of jitter so many
# servers do not all ask at the same minute). Stops promptly on SIGTERM.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

interval="${PGAW_RENEW_INTERVAL:-43200}"
retry="${PGAW_BOOTSTRAP_RETRY:-900}"
[[ "$interval" =~ ^[0-9]{1,7}$ && "$retry" =~ ^[0-9]{1,7}$ ]] \
    || die "PGAW_RENEW_INTERVAL and PGAW_BOOTSTRAP_RETRY are numbers of seconds"
sleeper=""
# The pause runs in the background so the trap fires at once; the trap also ends it.
trap 'log "stopping"; [ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null; exit 0' TERM INT

pause() { sleep "$1" & sleeper=$!; wait "$sleeper"; sleeper=""; }

until "$here/bootstrap.sh"; do
    log "bootstrap failed; retrying in ${retry}s (the stack keeps serving the previous certificate)"
    pause "$retry"
done
while :; do
    pause $((interval + RANDOM % 3600))
    "$here/renew.sh" || log "renewal check failed; retrying at the next interval"
done
