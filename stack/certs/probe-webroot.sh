#!/usr/bin/env bash
# Before asking the ACME server, prove that nginx serves our webroot: write a random
# file under .well-known/acme-challenge/ and fetch it through PGAW_ACME_PROBE_URL.
# A failure here names the real problem (nginx down, wrong webroot mount) instead of a
# failed validation that also counts against Let's Encrypt's rate limits.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

seconds="${PGAW_ACME_PROBE_SECONDS:-60}"
[[ "$seconds" =~ ^[0-9]{1,4}$ ]] || die "PGAW_ACME_PROBE_SECONDS must be a number"
token="pgaw-probe-$(openssl rand -hex 16)"
file="$PGAW_ACME_WEBROOT/.well-known/acme-challenge/$token"
printf '%s' "$token" >"$file"
chmod 0644 "$file"
trap 'rm -f "$file"' EXIT
url="${PGAW_ACME_PROBE_URL%/}/.well-known/acme-challenge/$token"
python3 - "$url" "$token" "$seconds" <<'PY' || die "nginx does not serve $PGAW_ACME_WEBROOT at $url"
import sys, time, urllib.request
url, token, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
deadline = time.monotonic() + seconds
while True:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            if r.read(200).decode() == token:
                sys.exit(0)
    except Exception as e:
        last = e
    if time.monotonic() > deadline:
        print(f"probe {url}: {last}", file=sys.stderr)
        sys.exit(1)
    time.sleep(1)
PY
log "nginx serves the ACME webroot ($PGAW_ACME_PROBE_URL)"
