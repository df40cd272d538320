#!/usr/bin/env bash
# Builds chartcheck into DIR (default /opt/pgaw-tools) and puts beside it, in DIR/chartcheck-crds/, the
# CustomResourceDefinitions of the CloudNativePG and cert-manager module versions that go.mod pins (read from Go's
# module cache, where the build put them): the Go types and the CRD schemas always come from the same release.
set -euo pipefail
out="${1:-/opt/pgaw-tools}"
cd "$(dirname "$0")"
mkdir -p "$out"
go build -o "$out/chartcheck" .
crds="$out/chartcheck-crds"
rm -rf "$crds" && mkdir -p "$crds"
cnpg="$(go list -m -f '{{.Dir}}' github.com/cloudnative-pg/cloudnative-pg)"
certmanager="$(go list -m -f '{{.Dir}}' github.com/cert-manager/cert-manager)"
cp "$cnpg"/config/crd/bases/postgresql.cnpg.io_*.yaml "$certmanager"/deploy/crds/*cert-manager.io_*.yaml "$crds/"
chmod -R a+rX "$crds"
echo "chartcheck: $out/chartcheck, $(ls "$crds" | wc -l) CRDs in $crds"
