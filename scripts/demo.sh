#!/usr/bin/env bash
# The main job: builds the probe, starts the reference server on 127.0.0.1 (unless a target URL is
# given), checks the connection once (`openchat-probe connect`), then runs a scenario
# (`openchat-probe run`, default Scenarios/basic.json) and writes its report to Reports/<scenario>-<time>/.
#
#   bash scripts/demo.sh                          # basic.json against a reference server on 127.0.0.1:8000
#   bash scripts/demo.sh URL [SCENARIO]           # against an existing server
#
# Exit status: that of the probe (see README, "Exit codes").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TARGET="${1:-}"
PORT="${PORT:-8000}"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

SKIP_KOSOKU=1 bash scripts/setup.sh
swift build --product openchat-probe
PROBE="$(swift build --show-bin-path)/openchat-probe"

if [ -z "$TARGET" ]; then
    TARGET="http://127.0.0.1:$PORT"
    mkdir -p .ci-tmp
    echo "==> starting the reference server on $TARGET (log .ci-tmp/demo-server.log)"
    (cd Reference/flask-openchat && HOST=127.0.0.1 PORT="$PORT" exec "$ROOT/.venv-ref/bin/python" -m src.main) \
        > .ci-tmp/demo-server.log 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        if curl -s -m 1 "$TARGET/socket.io/?EIO=4&transport=polling" | grep -q '^0{'; then break; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 .ci-tmp/demo-server.log; exit 3; }
        sleep 0.2
    done
fi

SCENARIO="${2:-Scenarios/basic.json}"
echo "==> openchat-probe connect $TARGET"
"$PROBE" connect "$TARGET"
echo "==> openchat-probe run $SCENARIO --target $TARGET"
status=0
"$PROBE" run "$SCENARIO" --target "$TARGET" || status=$?
exit "$status"
