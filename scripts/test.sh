#!/usr/bin/env bash
# The project's single test command:  bash scripts/test.sh [swift test arguments...]
#
#   1. scripts/setup.sh                 apt packages and Python venvs (idempotent)
#   2. swift build --build-tests        library, executables (autobahn-client) and tests
#   3. scripts/servers.sh start         OpenChat servers on 127.0.0.1:18000-18002,
#                                       stopped again on exit whatever happens
#   4. swift test "$@"                  with OPENCHAT_REF_URL, OPENCHAT_REF_FASTPING_URL
#                                       and OPENCHAT_ASGI_URL exported
#   5. scripts/autobahn.sh              WebSocket client vs the Autobahn suite (kosoku);
#                                       skipped with SKIP_AUTOBAHN=1
#
# Steps 4 and 5 both run even if one fails; the exit status is non-zero if any step failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n==> %s\n' "$*"; }

cleanup() {
    local rc=$?
    if [ -n "${SERVERS_STARTED:-}" ]; then
        step "stopping servers"
        bash scripts/servers.sh stop || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "setup: bash scripts/setup.sh"
bash scripts/setup.sh

step "build: swift build --build-tests"
swift build --build-tests

step "servers: bash scripts/servers.sh start"
SERVERS_STARTED=1
bash scripts/servers.sh start
# shellcheck source=/dev/null
source .ci-tmp/env.sh

failed=()

if [ "${SKIP_AUTOBAHN:-0}" = "1" ]; then
    step "autobahn: skipped (SKIP_AUTOBAHN=1)"
else
    step "autobahn: bash scripts/autobahn.sh"
    bash scripts/autobahn.sh || failed+=("autobahn")
fi

# swift test last, so its closing summary is the last thing the run prints.
step "tests: swift test $*"
swift test "$@" || failed+=("swift test")


if [ "${#failed[@]}" -gt 0 ]; then
    step "FAILED: ${failed[*]}"
    exit 1
fi
step "all steps succeeded"
