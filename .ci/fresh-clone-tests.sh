#!/usr/bin/env bash
# The fast part of the suite, run from a fresh `git clone` of this checkout's HEAD into an empty temporary folder:
# no sibling folders, no build output, no untracked files. A test that reads anything outside its checkout (or a
# file that is not committed) fails here. Called by .ci/run; runs on its own too: bash .ci/fresh-clone-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# The db module, the demo (embedded PostgreSQL + the bundled data + psql), the proxy's tests that read AdventureWorks
# or files of the repository, and its unit tests that need no external program.
TESTS='org.pgaw.db.**,org.pgaw.proxy.demo.**,org.pgaw.proxy.session.DifferentialTest,org.pgaw.proxy.MainTest'
TESTS="$TESTS,org.pgaw.proxy.config.**,org.pgaw.proxy.codec.**"

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
git clone -q --no-local --no-hardlinks "$PWD" "$dir/pgaw"
echo "fresh clone of $(git rev-parse --short HEAD) in $dir/pgaw; beside it: $(ls -A "$dir" | tr '\n' ' ')"
started=$SECONDS
(cd "$dir/pgaw" && ./mvnw -B -q -pl db,pgwire-proxy -am test -Dtest="$TESTS" -Dsurefire.failIfNoSpecifiedTests=false)
echo "fresh-clone tests passed in $((SECONDS - started)) s"
