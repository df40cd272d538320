#!/usr/bin/env bash
# Installs what the stack tests (stack/src/test) need, on a clean Debian 12 machine, as root. Idempotent.
#   nginx, openssl   Debian packages (the e2e test runs the repository's nginx/ config with them)
#   pgAdmin 4        a virtualenv at /opt/pgaw-pgadmin, pinned by stack/pgadmin/requirements-e2e.txt
#   composecheck     stack/tools/composecheck (compose-go, what `docker compose config` uses), at /opt/pgaw-tools
#   chartcheck       deploy/tools/chartcheck (Helm v4 SDK + Kubernetes/CloudNativePG/cert-manager API types and CRDs), same place
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/lib.sh

if [ ! -x /usr/sbin/nginx ] || ! command -v openssl >/dev/null 2>&1; then
  pgaw_apt_install nginx openssl >/dev/null
fi

# The class load harness's chart (JFreeChart, headless AWT) draws text: a headless JDK needs fontconfig and a font.
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list 2>/dev/null)" ]; then
  pgaw_apt_install fontconfig fonts-dejavu-core >/dev/null
fi

VENV=/opt/pgaw-pgadmin
REQ=stack/pgadmin/requirements-e2e.txt
STAMP="$VENV/.pgaw-requirements.sha256"
if [ ! -f "$STAMP" ] || ! sha256sum -c --status "$STAMP" 2>/dev/null; then
  # Debian's python3 has the venv module but not ensurepip, without which `python3 -m venv` fails: python3-venv.
  if ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
    pgaw_apt_install python3-venv >/dev/null
  fi
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -r "$REQ"
  sha256sum "$(pwd)/$REQ" > "$STAMP"
fi

[ -x "$VENV/bin/gunicorn" ] || { echo "install-stack: $VENV has no gunicorn" >&2; exit 1; }
mkdir -p /opt/pgaw-tools
. .ci/go-toolchain.sh
pgaw_ensure_go
(cd stack/tools/composecheck && go build -o /opt/pgaw-tools/composecheck .)
# The Kubernetes API modules are large: the first build takes minutes (Go's build cache makes the next ones seconds).
chartcheck_started=$SECONDS
bash deploy/tools/chartcheck/install.sh /opt/pgaw-tools   # the program and, beside it, the operators' CRDs
echo "install-stack: chartcheck built in $((SECONDS - chartcheck_started)) s"
echo "install-stack: nginx $(/usr/sbin/nginx -v 2>&1 | sed 's/.*\///'), pgAdmin $("$VENV/bin/python" -m pip show pgadmin4 | sed -n 's/^Version: //p'), composecheck and chartcheck ready"
