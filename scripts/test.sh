#!/usr/bin/env bash
# The project's single test command:  bash scripts/test.sh [swift test arguments...]
#
#   1. scripts/setup.sh                 apt packages and Python venvs (idempotent)
#   2. swift build --build-tests        library, executables (autobahn-client) and tests
#   3. scenarios                        the shipped scenarios against their JSON Schema
#                                       (scripts/check-scenarios.py) and `openchat-probe validate`
#   4. scripts/servers.sh start         OpenChat servers on 127.0.0.1 (reference 18000-18001,
#                                       ASGI 18002, ASGI+TLS 18003, broken fixtures 18010-18015),
#                                       stopped again on exit whatever happens
#   5. scripts/autobahn.sh              WebSocket client vs the Autobahn suite (kosoku);
#                                       skipped with SKIP_AUTOBAHN=1
#   6. browser                          the Swift server's chat page driven in headless Chromium
#   7. swift test "$@"                  with the servers' URLs exported (see servers.sh)
#
# The test steps all run even if one fails; the exit status is non-zero if any step failed.
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

failed=()

step "scenarios: check-scenarios.py and openchat-probe validate"
.venv-peers/bin/python scripts/check-scenarios.py || failed+=("scenario schema")
scenario_files=()
for file in Scenarios/*.json Tests/Servers/scenarios/*.json; do
    [ "$(basename "$file")" = "scenario.schema.json" ] || scenario_files+=("$file")
done
"$(swift build --show-bin-path)/openchat-probe" validate "${scenario_files[@]}" || failed+=("scenario validation")

step "servers: bash scripts/servers.sh start"
SERVERS_STARTED=1
bash scripts/servers.sh start
# shellcheck source=/dev/null
source .ci-tmp/env.sh


if [ "${SKIP_AUTOBAHN:-0}" = "1" ]; then
    step "autobahn: skipped (SKIP_AUTOBAHN=1)"
else
    step "autobahn: bash scripts/autobahn.sh"
    bash scripts/autobahn.sh || failed+=("autobahn")
fi

step "browser: the Swift server's chat page in two headless Chromium pages"
BIN="$(swift build --show-bin-path)"
"$BIN/openchat-server" --host 127.0.0.1 --port 18020 > .ci-tmp/browser-server.log 2>&1 &
BROWSER_SERVER_PID=$!
browser_ok=0
for _ in $(seq 1 50); do
    if curl -s -m 1 "http://127.0.0.1:18020/socket.io/?EIO=4&transport=polling" | grep -q '^0{'; then browser_ok=1; break; fi
    sleep 0.2
done
if [ "$browser_ok" = 1 ]; then
    timeout 120 .venv-peers/bin/python Tests/Browser/chat_page_test.py http://127.0.0.1:18020/ || failed+=("browser")
else
    echo "openchat-server did not start: $(tail -5 .ci-tmp/browser-server.log)"
    failed+=("browser")
fi
kill "$BROWSER_SERVER_PID" 2>/dev/null || true
wait "$BROWSER_SERVER_PID" 2>/dev/null || true

# swift test last, so its closing summary is the last thing the run prints.
step "tests: swift test $*"
swift test "$@" || failed+=("swift test")


if [ "${#failed[@]}" -gt 0 ]; then
    step "FAILED: ${failed[*]}"
    exit 1
fi
step "all steps succeeded"
