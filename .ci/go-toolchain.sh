# Sourced by the install scripts that build Go programs (Pebble, composecheck). Puts on PATH a `go` that can build
# modules needing a newer Go than the one installed: Go 1.21 or later downloads the toolchain a module asks for
# from the Go module proxy by itself (GOTOOLCHAIN=auto). Debian 12 ships Go 1.19, so there the newest
# golang-1.NN-go of bookworm-backports is installed. Needs root; idempotent.

pgaw_go_usable() {
    command -v go >/dev/null 2>&1 || return 1
    local v
    v="$(go env GOVERSION 2>/dev/null | sed -n 's/^go1\.\([0-9][0-9]*\).*/\1/p')"
    [ -n "$v" ] && [ "$v" -ge 21 ]
}

pgaw_newest_go_package() {
    apt-cache search --names-only '^golang-1\.[0-9]+-go$' | cut -d' ' -f1 | sort -t. -k2,2n | tail -n1
}

# A go installed earlier (the official tarball, or a Debian golang-1.NN-go) onto PATH, if there is one.
pgaw_go_on_path() {
    export PATH="$PATH:/usr/local/go/bin"
    local d
    for d in /usr/lib/go-1.*/bin; do [ -x "$d/go" ] && export PATH="$d:$PATH"; done
    return 0
}

pgaw_ensure_go() {
    pgaw_go_on_path
    if ! pgaw_go_usable; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        local pkg minor
        pkg="$(pgaw_newest_go_package)"
        minor="$(printf '%s' "$pkg" | sed -n 's/^golang-1\.\([0-9]*\)-go$/\1/p')"
        if [ -z "$minor" ] || [ "$minor" -lt 21 ]; then
            . /etc/os-release
            if [ "${VERSION_CODENAME:-}" = bookworm ]; then
                echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/pgaw-backports.list
                apt-get update -qq
                pkg="$(pgaw_newest_go_package)"
            fi
        fi
        [ -n "$pkg" ] || { echo "no golang-1.NN-go package found by apt" >&2; return 1; }
        apt-get install -y -qq --no-install-recommends "$pkg" ca-certificates git >/dev/null
        pgaw_go_on_path
        pgaw_go_usable || { echo "$pkg did not give a Go 1.21 or later" >&2; return 1; }
    fi
    # Debian's Go sets GOTOOLCHAIN=local in its go.env; a module's newer `go` line needs the download.
    export GOTOOLCHAIN=auto
    echo "go: $(command -v go) ($(go env GOVERSION))"
}
