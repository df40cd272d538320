#!/usr/bin/env bash
# Before asking the ACME server, prove that nginx serves our webroot: write a random
# file under .well-known/acme-challenge/ and fetch it through PGAW_ACME_PROBE_URL.
# A failure here names the real problem (nginx down, wrong webroot mount) instead of a
# failed validation that also counts against Let's Encrypt's rate limits.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

seconds="${PGAW_ACME_PROBE_SECONDS:-60}"
[[ "$seconds" =~ ^[0-9]{1,4}$ ]] || die "PGAW_ACME_PROBE_SECONDS must be a number"
token="pgaw-probe-$(openssl rand -hex 16)"
file="$PGAW_ACME_WEBROOT/.well-known/acme-challenge/$token"
printf '%s' "$token" >"$file"
chmod 0644 "$file"
trap 'rm -f "$file"' EXIT
url="${PGAW_ACME_PROBE_URL%/}/.well-known/acme-challenge/$token"
python3 - "$url" "$token" "$seconds" "$PGAW_DOMAIN" <<'PY' || die "nginx does not serve $PGAW_ACME_WEBROOT at $url"
import sys, time, urllib.request
url, token, seconds, host = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
# Ask with the public name, as the ACME server will, so the same nginx server block answers.
request = urllib.request.Request(url, headers={"Host": host} if host else {})
deadline = time.monotonic() + seconds
last = "no answer yet"
while True:
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            if r.read(200).decode(errors="replace") == token:
                sys.exit(0)
            last = "answered, but not with the probe file (another server block or root?)"
    except Exception as e:  # refused, 404, timeout: nginx is not there yet, or serves another root
        last = e
    if time.monotonic() > deadline:
        print(f"probe {url}: {last}", file=sys.stderr)
        sys.exit(1)
    time.sleep(1)
PY
log "nginx serves the ACME webroot ($PGAW_ACME_PROBE_URL)"
