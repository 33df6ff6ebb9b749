#!/usr/bin/env bash
# The main job until `openchat-probe run` lands: builds the probe, starts the reference server on
# 127.0.0.1 (unless a target URL is given), connects over each transport, holds 1,000 idle
# WebSocket sessions, and writes what it measured to Reports/connect-<timestamp>/.
#
#   bash scripts/demo.sh                 # against a reference server it starts on 127.0.0.1:8000
#   bash scripts/demo.sh URL             # against an existing server
#
# Exit status: that of the first probe command that failed (see README, "Exit codes").
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

OUT="Reports/connect-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
status=0
for transport in polling websocket polling-then-upgrade; do
    echo "==> openchat-probe connect $TARGET --transport $transport"
    "$PROBE" connect "$TARGET" --transport "$transport" | tee "$OUT/connect-$transport.txt" || { status=$?; break; }
    "$PROBE" connect "$TARGET" --transport "$transport" --json > "$OUT/connect-$transport.json" || status=$?
done
if [ "$status" -eq 0 ]; then
    echo "==> openchat-probe hold $TARGET --transport websocket --connections 1000 --hold 5"
    "$PROBE" hold "$TARGET" --transport websocket --connections 1000 --hold 5 | tee "$OUT/hold.txt" || status=$?
fi
echo "==> results in $OUT/"
exit "$status"
