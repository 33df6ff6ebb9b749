#!/usr/bin/env bash
# Benchmark: the same scenario against the Flask reference server and the Swift OpenChat server on this
# machine, one after the other, compared side by side with `openchat-probe compare`.
#
#   bash scripts/bench-compare.sh [SCENARIO]        # default Scenarios/throughput.json
#   LADDER=0 bash scripts/bench-compare.sh          # skip the capacity ladder (COMPARE=0, MEMORY=0: the others)
#
# Builds release binaries, starts both servers on 127.0.0.1 (Flask :18500, Swift :18501), and writes
# everything to Reports/bench-<UTC date>-<host>/ with machine.txt:
#   1. `openchat-probe compare --scenario SCENARIO --target flask=... --target swift=...`: one fixed load
#      against both (comparison.md/html/json and each run's report);
#   2. the capacity ladder (scripts/bench_ladder.py): 100 users in one room at rising message rates
#      against each server until it breaks (ladder.md/json, each step's reports);
#   3. memory per idle session, measured first on the fresh servers: `openchat-probe hold` opens
#      HOLD_SESSIONS (10000) WebSocket sessions to each server and the server's RSS is read from /proc
#      before and while they are held (memory.md).
# With two or more cores both servers run pinned to CPU 1 and the probe to CPU 0 (taskset), so each
# single-threaded server gets one whole core and the probe never steals it. Read the probe's late-send
# count before concluding anything about a server (a late probe under-states the offered load).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SCENARIO="${1:-Scenarios/throughput.json}"
FLASK_PORT="${BENCH_FLASK_PORT:-18500}"
SWIFT_PORT="${BENCH_SWIFT_PORT:-18501}"
# Servers and the probe inherit this: 10,000 sessions need more than the usual soft limit of 1024.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
PIDS=()
SERVER_PIN=()
PROBE_PIN=()
PROBE_CPU_ARG=()
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    SERVER_PIN=(taskset -c 1)
    PROBE_PIN=(taskset -c 0)
    PROBE_CPU_ARG=(--probe-cpu 0)
fi
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

SKIP_KOSOKU=1 bash scripts/setup.sh
swift build -c release --product openchat-probe
swift build -c release --product openchat-server
BIN="$(swift build -c release --show-bin-path)"

OUT="Reports/bench-$(date -u +%Y%m%dT%H%M%SZ)-$(hostname -s)"
mkdir -p "$OUT" .ci-tmp

wait_up() {
    local url=$1 pid=$2 log=$3
    for _ in $(seq 1 100); do
        if curl -s -m 1 "$url/socket.io/?EIO=4&transport=polling" | grep -q '^0{'; then return 0; fi
        kill -0 "$pid" 2>/dev/null || { tail -20 "$log"; exit 3; }
        sleep 0.2
    done
    echo "server at $url did not come up" >&2
    tail -20 "$log"
    exit 3
}

echo "==> Flask reference on 127.0.0.1:$FLASK_PORT"
(cd Reference/flask-openchat && HOST=127.0.0.1 PORT="$FLASK_PORT" exec ${SERVER_PIN[@]+"${SERVER_PIN[@]}"} "$ROOT/.venv-ref/bin/python" -m src.main) > .ci-tmp/bench-flask.log 2>&1 &
PIDS+=($!)
wait_up "http://127.0.0.1:$FLASK_PORT" "${PIDS[-1]}" .ci-tmp/bench-flask.log

echo "==> Swift server on 127.0.0.1:$SWIFT_PORT"
${SERVER_PIN[@]+"${SERVER_PIN[@]}"} "$BIN/openchat-server" --host 127.0.0.1 --port "$SWIFT_PORT" > .ci-tmp/bench-swift.log 2>&1 &
PIDS+=($!)
wait_up "http://127.0.0.1:$SWIFT_PORT" "${PIDS[-1]}" .ci-tmp/bench-swift.log

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(hostname)"
    echo "cores: $(nproc)"
    echo "memory: $(free -h | awk '/Mem:/ {print $2}')"
    echo "os: $(. /etc/os-release && echo "$PRETTY_NAME")"
    echo "swift: $(swift --version 2>&1 | head -1)"
    echo "scenario: $SCENARIO"
    echo "pinning: servers on '${SERVER_PIN[*]:-none}', probe on '${PROBE_PIN[*]:-none}'"
    echo "ladder: python3 scripts/bench_ladder.py --probe $BIN/openchat-probe --out $OUT ${PROBE_CPU_ARG[*]:-} --server-pid flask=<pid> --server-pid swift=<pid> --target flask=http://127.0.0.1:$FLASK_PORT --target swift=http://127.0.0.1:$SWIFT_PORT"
    echo "command: $BIN/openchat-probe compare --scenario $SCENARIO --target flask=http://127.0.0.1:$FLASK_PORT --target swift=http://127.0.0.1:$SWIFT_PORT --out $OUT"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

status=0
if [ "${MEMORY:-1}" != 0 ]; then
    echo "==> memory per idle WebSocket session"
    HOLD_SESSIONS="${HOLD_SESSIONS:-10000}"
    {
        echo "# Server memory per idle Engine.IO WebSocket session"
        echo
        echo "\`openchat-probe hold URL --transport websocket --connections $HOLD_SESSIONS --hold 20\` against each server (sessions"
        echo "without a Socket.IO CONNECT, so no usernames broadcasts); the server's VmRSS from /proc before and 15 s into the hold."
        echo
        echo "Measured first, on freshly started servers, before any load."
        echo
        echo "| server | RSS before | RSS while holding | sessions opened | per session | still open after 20 s |"
        echo "|---|---:|---:|---:|---:|---|"
    } > "$OUT/memory.md"
    rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
    for index in 0 1; do
        name=$([ "$index" = 0 ] && echo flask || echo swift)
        port=$([ "$index" = 0 ] && echo "$FLASK_PORT" || echo "$SWIFT_PORT")
        pid="${PIDS[$index]}"
        before=$(rss_kib "$pid")
        (${PROBE_PIN[@]+"${PROBE_PIN[@]}"} "$BIN/openchat-probe" hold "http://127.0.0.1:$port" --transport websocket \
             --connections "$HOLD_SESSIONS" --hold 20) > "$OUT/hold-$name.txt" 2>&1 &
        hold_pid=$!
        sleep 15
        during=$(rss_kib "$pid")
        wait "$hold_pid" || status=1
        still=$(grep -o '[0-9]* of [0-9]* still open' "$OUT/hold-$name.txt" || echo "see hold-$name.txt")
        opened=$(grep -o '^hold: [0-9]* open' "$OUT/hold-$name.txt" | grep -o '[0-9]*' || echo 0)
        per=$(( opened > 0 ? (during - before) * 1024 / opened : 0 ))
        echo "| $name | $before KiB | $during KiB | $opened | $per bytes | $still |" >> "$OUT/memory.md"
        # Let the server finish tearing the sessions down before anything is timed (eventlet takes a while).
        for _ in $(seq 1 60); do
            ticks_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
            sleep 1
            ticks_after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
            [ $((ticks_after - ticks_before)) -lt 3 ] && break
        done
    done
    cat "$OUT/memory.md"
fi
if [ "${COMPARE:-1}" != 0 ]; then
    ${PROBE_PIN[@]+"${PROBE_PIN[@]}"} "$BIN/openchat-probe" compare --scenario "$SCENARIO" \
        --target "flask=http://127.0.0.1:$FLASK_PORT" --target "swift=http://127.0.0.1:$SWIFT_PORT" \
        --out "$OUT" || status=$?
fi
if [ "${LADDER:-1}" != 0 ]; then
    echo "==> capacity ladder"
    python3 scripts/bench_ladder.py --probe "$BIN/openchat-probe" --out "$OUT" ${PROBE_CPU_ARG[@]+"${PROBE_CPU_ARG[@]}"} \
        --server-pid "flask=${PIDS[0]}" --server-pid "swift=${PIDS[1]}" \
        --target "flask=http://127.0.0.1:$FLASK_PORT" --target "swift=http://127.0.0.1:$SWIFT_PORT" || status=$?
fi
echo "==> results in $OUT/"
exit "$status"
