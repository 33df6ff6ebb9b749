#!/usr/bin/env bash
# Runs the Autobahn client suite (through kosoku) against the project's WebSocket client.
#
#   bash scripts/autobahn.sh
#
# 1. starts `kosoku -m fuzzingserver 127.0.0.1:9001 -o <tmp>/reports` from .venv-kosoku;
# 2. runs the client under test:
#        ${AUTOBAHN_CLIENT:-.build/debug/autobahn-client} ws://127.0.0.1:9001 --agent openchat-probe
#    which walks /getCaseCount, /runCase?case=N&agent=A and /updateReports?agent=A;
# 3. waits for kosoku to write its report and exit (it does so after /updateReports);
# 4. summarises reports/index.json, copies it to .ci-tmp/autobahn-index.json and the
#    whole report folder (index.html + one file per case) to .ci-tmp/autobahn-reports/.
#
# Exit 1 if any case of groups 1-10 is FAILED (or ERROR: kosoku could not run it),
# if a case of groups 1-10 is missing from the report, or if there is no report.
# Groups 12/13 (permessage-deflate) are reported but never fail the run.
#
# Environment:
#   AUTOBAHN_CLIENT    client executable (default .build/debug/autobahn-client)
#   AUTOBAHN_AGENT     agent name (default openchat-probe)
#   AUTOBAHN_PORT      fuzzingserver port on 127.0.0.1 (default 9001)
#   AUTOBAHN_TIMEOUT   seconds for the whole run, client and report (default 600)
#   AUTOBAHN_INCLUDE   space-separated case ids/globs to run (kosoku -i), default all
#   AUTOBAHN_EXCLUDE   space-separated case ids/globs to skip (kosoku -x)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CLIENT="${AUTOBAHN_CLIENT:-.build/debug/autobahn-client}"
AGENT="${AUTOBAHN_AGENT:-openchat-probe}"
PORT="${AUTOBAHN_PORT:-9001}"
TIMEOUT="${AUTOBAHN_TIMEOUT:-600}"
KOSOKU_VENV="$ROOT/.venv-kosoku"
TMP_DIR="$ROOT/.ci-tmp"

log() { printf '[autobahn] %s\n' "$*"; }
die() { printf '[autobahn] ERROR: %s\n' "$*" >&2; exit 1; }

[ -x "$KOSOKU_VENV/bin/kosoku" ] || die "$KOSOKU_VENV/bin/kosoku is missing: run scripts/setup.sh first"
[ -x "$CLIENT" ] || die "client $CLIENT not found or not executable (build it, or set AUTOBAHN_CLIENT)"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "port 127.0.0.1:$PORT is already in use"
fi

mkdir -p "$TMP_DIR"
rm -rf "$TMP_DIR/autobahn-index.json" "$TMP_DIR/autobahn-reports"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/openchat-autobahn.XXXXXX")"
KOSOKU_LOG="$TMP_DIR/autobahn-kosoku.log"
CLIENT_LOG="$TMP_DIR/autobahn-client.log"
KOSOKU_PID=""

cleanup() {
    if [ -n "$KOSOKU_PID" ] && kill -0 "$KOSOKU_PID" 2>/dev/null; then
        log "stopping kosoku (pid $KOSOKU_PID)"
        kill -TERM "$KOSOKU_PID" 2>/dev/null || true
        sleep 1
        kill -KILL "$KOSOKU_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

kosoku_args=(-m fuzzingserver -o "$WORK/reports")
# read -a splits on whitespace without expanding globs such as 9.*
read -r -a include_patterns <<<"${AUTOBAHN_INCLUDE:-}"
read -r -a exclude_patterns <<<"${AUTOBAHN_EXCLUDE:-}"
for pattern in "${include_patterns[@]}"; do kosoku_args+=(-i "$pattern"); done
for pattern in "${exclude_patterns[@]}"; do kosoku_args+=(-x "$pattern"); done
kosoku_args+=("127.0.0.1:$PORT")

started=$SECONDS
deadline=$((SECONDS + TIMEOUT))
log "starting: kosoku ${kosoku_args[*]} (in $WORK, log $KOSOKU_LOG)"
(cd "$WORK" && exec "$KOSOKU_VENV/bin/kosoku" "${kosoku_args[@]}") >"$KOSOKU_LOG" 2>&1 </dev/null &
KOSOKU_PID=$!

# Wait until it listens (bounded).
ready_deadline=$((SECONDS + 30))
until (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do
    if ! kill -0 "$KOSOKU_PID" 2>/dev/null; then
        tail -n 30 "$KOSOKU_LOG" >&2 || true
        die "kosoku exited before listening on port $PORT"
    fi
    [ "$SECONDS" -lt "$ready_deadline" ] || { tail -n 30 "$KOSOKU_LOG" >&2 || true; die "kosoku not listening on port $PORT after 30 s"; }
    sleep 0.2
done
log "kosoku listening on ws://127.0.0.1:$PORT (pid $KOSOKU_PID)"

log "running: $CLIENT ws://127.0.0.1:$PORT --agent $AGENT (log $CLIENT_LOG)"
client_rc=0
client_budget=$((deadline - SECONDS))
[ "$client_budget" -ge 1 ] || client_budget=1   # timeout 0 would mean "no limit"
timeout --kill-after=10 "$client_budget" \
    "$CLIENT" "ws://127.0.0.1:$PORT" --agent "$AGENT" >"$CLIENT_LOG" 2>&1 </dev/null || client_rc=$?
log "client finished after $((SECONDS - started)) s with status $client_rc"
if [ "$client_rc" -eq 124 ] || [ "$client_rc" -eq 137 ]; then
    log "client timed out (AUTOBAHN_TIMEOUT=${TIMEOUT} s for the whole run)"
fi
if [ "$client_rc" -ne 0 ]; then
    log "last lines of $CLIENT_LOG:"
    tail -n 20 "$CLIENT_LOG" || true
fi

# kosoku writes its report and exits by itself right after /updateReports
# (about 1 s for the full suite). A client that is gone without calling it
# leaves kosoku waiting forever, so wait 60 s at most.
wait_deadline=$((SECONDS + 60))
if [ "$client_rc" -eq 124 ] || [ "$client_rc" -eq 137 ]; then
    wait_deadline=$((SECONDS + 5))   # out of time: kosoku will not finish now
fi
while kill -0 "$KOSOKU_PID" 2>/dev/null && [ "$SECONDS" -lt "$wait_deadline" ]; do
    sleep 0.5
done
kosoku_rc=""
if kill -0 "$KOSOKU_PID" 2>/dev/null; then
    log "kosoku still running after $((SECONDS - started)) s (did the client call /updateReports?); stopping it"
    tail -n 20 "$KOSOKU_LOG" || true
else
    kosoku_rc=0
    wait "$KOSOKU_PID" || kosoku_rc=$?
    KOSOKU_PID=""
    # kosoku exits 1 whenever a case is not OK/NON-STRICT/INFORMATIONAL (UNIMPLEMENTED
    # deflate cases included), so its status is informative only: the verdict is ours.
    log "kosoku exited with status $kosoku_rc after $((SECONDS - started)) s"
fi

INDEX="$WORK/reports/index.json"
if [ ! -f "$INDEX" ]; then
    found="$(find "$WORK" -name index.json -print -quit 2>/dev/null || true)"
    [ -n "$found" ] && INDEX="$found"
fi
if [ ! -f "$INDEX" ]; then
    rm -f "$TMP_DIR/autobahn-index.json"
    die "no index.json was written (see $KOSOKU_LOG and $CLIENT_LOG)"
fi
cp "$INDEX" "$TMP_DIR/autobahn-index.json"
rm -rf "$TMP_DIR/autobahn-reports"
cp -r "$(dirname "$INDEX")" "$TMP_DIR/autobahn-reports"
log "report: $TMP_DIR/autobahn-index.json (HTML: $TMP_DIR/autobahn-reports/index.html)"

AGENT="$AGENT" AUTOBAHN_INCLUDE="${AUTOBAHN_INCLUDE:-}" AUTOBAHN_EXCLUDE="${AUTOBAHN_EXCLUDE:-}" \
    "$KOSOKU_VENV/bin/python" - "$TMP_DIR/autobahn-index.json" <<'PY'
"""Summarise a kosoku/Autobahn index.json and decide the verdict."""
import collections
import fnmatch
import json
import os
import sys

path = sys.argv[1]
agent = os.environ["AGENT"]
include = os.environ.get("AUTOBAHN_INCLUDE", "").split()
exclude = os.environ.get("AUTOBAHN_EXCLUDE", "").split()

with open(path) as f:
    index = json.load(f)
if agent not in index:
    print(f"[autobahn] ERROR: agent {agent!r} not in the report (agents: {sorted(index)})")
    sys.exit(1)
cases = index[agent]


def key(case_id):
    return [int(p) for p in case_id.split(".")]


def group(case_id):
    return int(case_id.split(".", 1)[0])


def gated(case_id):
    return 1 <= group(case_id) <= 10


def counts(ids, field):
    c = collections.Counter(cases[i][field] for i in ids)
    return ", ".join(f"{k} {v}" for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"


all_ids = sorted(cases, key=key)
core_ids = [i for i in all_ids if gated(i)]
print(f"[autobahn] agent {agent}: {len(all_ids)} cases in the report")
print(f"[autobahn] overall      behavior: {counts(all_ids, 'behavior')}")
print(f"[autobahn] overall      close:    {counts(all_ids, 'behaviorClose')}")
print(f"[autobahn] groups 1-10  behavior: {counts(core_ids, 'behavior')}")
print(f"[autobahn] groups 1-10  close:    {counts(core_ids, 'behaviorClose')}")
for g in sorted({group(i) for i in all_ids}):
    ids = [i for i in all_ids if group(i) == g]
    print(f"[autobahn]   group {g:>2} ({len(ids):>3}): {counts(ids, 'behavior')}")

# Which cases should be there: kosoku's own case list, filtered like kosoku's -i/-x.
try:
    from kosoku.cases import CASES
    expected = list(CASES)
    if include:
        expected = [i for i in expected if any(fnmatch.fnmatchcase(i, p) for p in include)]
    if exclude:
        expected = [i for i in expected if not any(fnmatch.fnmatchcase(i, p) for p in exclude)]
except Exception as exc:  # the summary still works without it
    print(f"[autobahn] note: could not load kosoku's case list ({exc}); not checking for missing cases")
    expected = []

failed = [i for i in all_ids if cases[i]["behavior"] == "FAILED"]
errored = [i for i in all_ids if cases[i]["behavior"] == "ERROR"]
close_issues = [i for i in all_ids
                if cases[i]["behaviorClose"] not in ("OK", "INFORMATIONAL")]
missing = [i for i in expected if i not in cases and gated(i)]

print(f"[autobahn] FAILED ({len(failed)}): {' '.join(failed) or '-'}")
if errored:
    print(f"[autobahn] ERROR, not run to a verdict ({len(errored)}): {' '.join(errored)}")
if close_issues:
    print(f"[autobahn] closing handshake not OK ({len(close_issues)}): "
          + " ".join(f"{i}={cases[i]['behaviorClose']}" for i in close_issues))
if missing:
    print(f"[autobahn] missing from the report ({len(missing)}): {' '.join(missing)}")

bad = [i for i in failed + errored if gated(i)] + missing
if bad:
    print(f"[autobahn] RESULT: FAIL ({len(bad)} case(s) of groups 1-10 failed, errored or missing)")
    sys.exit(1)
print(f"[autobahn] RESULT: PASS (no FAILED case in groups 1-10, {len(core_ids)} run)")
PY
