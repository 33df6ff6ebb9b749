#!/usr/bin/env bash
# Starts / stops the Socket.IO servers the integration tests talk to, all on 127.0.0.1.
#
#   bash scripts/servers.sh start    start them, wait for each Engine.IO handshake,
#                                    print the exports and write .ci-tmp/env.sh;
#                                    a server still running from an earlier start
#                                    is reused (SERVERS_RESTART=1: restarted)
#   bash scripts/servers.sh restart  stop, then start
#   bash scripts/servers.sh stop     stop exactly the processes recorded by start
#   bash scripts/servers.sh status   show what is running
#
# Each command also takes server names (`start broken-reorder broken-none`) to act
# on those only; `start NAME...` then prints their exports but leaves env.sh alone,
# and `stop NAME...` keeps it too.
#
# Servers (name, port, variable):
#   ref            18000  OPENCHAT_REF_URL           Reference/flask-openchat, default settings
#   ref-fastping   18001  OPENCHAT_REF_FASTPING_URL  same, PING_INTERVAL=1 PING_TIMEOUT=1
#   asgi           18002  OPENCHAT_ASGI_URL          Tests/Servers/asgi_openchat.py, PING_INTERVAL=1 PING_TIMEOUT=2
#   asgi-tls       18003  OPENCHAT_ASGI_TLS_URL      the same over TLS (https:// and wss:// only)
#   broken-lose-delivery       18010  OPENCHAT_BROKEN_LOSE_DELIVERY_URL
#   broken-reorder             18011  OPENCHAT_BROKEN_REORDER_URL
#   broken-no-leave-broadcast  18012  OPENCHAT_BROKEN_NO_LEAVE_BROADCAST_URL
#   broken-wrong-format        18013  OPENCHAT_BROKEN_WRONG_FORMAT_URL
#   broken-duplicate           18014  OPENCHAT_BROKEN_DUPLICATE_URL
#   broken-none                18015  OPENCHAT_BROKEN_NONE_URL
#                                    Tests/Servers/broken_openchat.py with DEFECT=<the part
#                                    after broken->, PING_INTERVAL=1 PING_TIMEOUT=2: OpenChat
#                                    with one deliberate defect each (none: the control),
#                                    for the probe's defect-detection tests
# and OPENCHAT_TLS_CA, the absolute path of the throwaway CA (PEM) that signed the
# asgi-tls certificate (for 127.0.0.1, ::1 and localhost). The CA and certificate
# are made with openssl into .ci-tmp/tls/ (ca.pem, server.pem, server.key) when
# missing or expiring within a day, and kept otherwise.
#
# The ports can be moved with OPENCHAT_REF_PORT, OPENCHAT_REF_FASTPING_PORT,
# OPENCHAT_ASGI_PORT, OPENCHAT_ASGI_TLS_PORT and OPENCHAT_BROKEN_<DEFECT>_PORT
# (OPENCHAT_BROKEN_LOSE_DELIVERY_PORT, ..., OPENCHAT_BROKEN_NONE_PORT), and .ci-tmp with OPENCHAT_TMP_DIR
# (e.g. to run a second set of servers from the same checkout at the same time:
# pids are recorded per name in that folder).
#
# Logs go to .ci-tmp/<name>.log, pids to .ci-tmp/<name>.pid. Progress goes to
# stderr and the export lines to stdout, so `eval "$(bash scripts/servers.sh start)"`
# works too. Needs the venvs from scripts/setup.sh, curl, and openssl for asgi-tls.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP_DIR="${OPENCHAT_TMP_DIR:-$ROOT/.ci-tmp}"
[[ "$TMP_DIR" == /* ]] || TMP_DIR="$PWD/$TMP_DIR"
TLS_DIR="$TMP_DIR/tls"
START_TIMEOUT="${SERVERS_START_TIMEOUT:-30}"   # seconds, per server
STOP_TIMEOUT=10                                # seconds before SIGKILL

NAMES=(ref ref-fastping asgi asgi-tls
       broken-lose-delivery broken-reorder broken-no-leave-broadcast broken-wrong-format broken-duplicate broken-none)

log() { printf '[servers] %s\n' "$*" >&2; }

# server_spec NAME -> sets PORT VAR SCHEME CURL_OPTS PY WORKDIR ARGS ENVS
server_spec() {
    SCHEME=http CURL_OPTS=()
    case "$1" in
        ref)
            PORT="${OPENCHAT_REF_PORT:-18000}" VAR=OPENCHAT_REF_URL
            PY="$ROOT/.venv-ref/bin/python" WORKDIR="$ROOT/Reference/flask-openchat"
            ARGS=(-m src.main) ENVS=()
            ;;
        ref-fastping)
            PORT="${OPENCHAT_REF_FASTPING_PORT:-18001}" VAR=OPENCHAT_REF_FASTPING_URL
            PY="$ROOT/.venv-ref/bin/python" WORKDIR="$ROOT/Reference/flask-openchat"
            ARGS=(-m src.main) ENVS=(PING_INTERVAL=1 PING_TIMEOUT=1)
            ;;
        asgi)
            PORT="${OPENCHAT_ASGI_PORT:-18002}" VAR=OPENCHAT_ASGI_URL
            PY="$ROOT/.venv-peers/bin/python" WORKDIR="$ROOT/Tests/Servers"
            ARGS=(asgi_openchat.py) ENVS=(PING_INTERVAL=1 PING_TIMEOUT=2)
            ;;
        asgi-tls)
            PORT="${OPENCHAT_ASGI_TLS_PORT:-18003}" VAR=OPENCHAT_ASGI_TLS_URL
            PY="$ROOT/.venv-peers/bin/python" WORKDIR="$ROOT/Tests/Servers"
            ARGS=(asgi_openchat.py)
            ENVS=(PING_INTERVAL=1 PING_TIMEOUT=2 "TLS_CERT=$TLS_DIR/server.pem" "TLS_KEY=$TLS_DIR/server.key")
            SCHEME=https CURL_OPTS=(--cacert "$TLS_DIR/ca.pem")
            ;;
        broken-lose-delivery|broken-reorder|broken-no-leave-broadcast|broken-wrong-format|broken-duplicate|broken-none)
            local defect="${1#broken-}" upper default_port
            upper="$(printf '%s' "$defect" | tr 'a-z-' 'A-Z_')"
            case "$defect" in
                lose-delivery) default_port=18010 ;;
                reorder) default_port=18011 ;;
                no-leave-broadcast) default_port=18012 ;;
                wrong-format) default_port=18013 ;;
                duplicate) default_port=18014 ;;
                none) default_port=18015 ;;
            esac
            local port_var="OPENCHAT_BROKEN_${upper}_PORT"
            PORT="${!port_var:-$default_port}" VAR="OPENCHAT_BROKEN_${upper}_URL"
            PY="$ROOT/.venv-peers/bin/python" WORKDIR="$ROOT/Tests/Servers"
            ARGS=(broken_openchat.py) ENVS=("DEFECT=$defect" PING_INTERVAL=1 PING_TIMEOUT=2)
            ;;
        *) log "unknown server $1"; return 1 ;;
    esac
}

# ensure_tls -> makes sure $TLS_DIR holds ca.pem, server.pem and server.key,
# valid for at least another day; otherwise makes a new CA and certificate.
ensure_tls() {
    local f ok=1 work
    for f in ca.pem server.pem server.key; do
        [ -s "$TLS_DIR/$f" ] || ok=0
    done
    if [ "$ok" = 1 ] \
        && openssl x509 -checkend 86400 -noout -in "$TLS_DIR/ca.pem" >/dev/null 2>&1 \
        && openssl x509 -checkend 86400 -noout -in "$TLS_DIR/server.pem" >/dev/null 2>&1 \
        && openssl verify -CAfile "$TLS_DIR/ca.pem" "$TLS_DIR/server.pem" >/dev/null 2>&1; then
        return 0
    fi
    command -v openssl >/dev/null 2>&1 || { log "ERROR: openssl is required for asgi-tls"; return 1; }
    log "tls: making a throwaway CA and a certificate for 127.0.0.1, ::1, localhost in $TLS_DIR"
    mkdir -p "$TLS_DIR"
    work="$(mktemp -d "$TLS_DIR/.new.XXXXXX")"
    if ! (
        # set -e does not apply inside `if !`: every step is chained with &&.
        cd "$work" && umask 077 \
        && openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=openchat-probe test CA" \
            -keyout ca.key -out ca.pem \
            -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        && openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr \
        && printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n' >ext.cnf \
        && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 \
            -out server.pem -extfile ext.cnf \
        && chmod 644 ca.pem server.pem
    ) >"$work/openssl.log" 2>&1; then
        log "ERROR: tls: openssl failed:"
        cat "$work/openssl.log" >&2 || true
        rm -rf "$work"
        return 1
    fi
    for f in ca.key ca.pem server.key server.pem; do
        mv -f "$work/$f" "$TLS_DIR/$f"
    done
    rm -rf "$work"
}

# pid_of NAME -> prints the recorded pid if that process is still ours, else nothing.
pid_of() {
    local name="$1" pidfile="$TMP_DIR/$1.pid" pid cmdline
    [ -f "$pidfile" ] || return 0
    pid="$(cat "$pidfile")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    [ -r "/proc/$pid/cmdline" ] || return 0
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline")"
    server_spec "$name"
    # Guard against a recycled pid: the process must still be our interpreter and script.
    if [[ "$cmdline" == "$PY ${ARGS[*]}"* ]]; then
        printf '%s\n' "$pid"
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# handshake_ok (after server_spec NAME): does NAME answer the Engine.IO handshake?
handshake_ok() {
    local body
    body="$(curl -s --max-time 2 "${CURL_OPTS[@]}" \
        "$SCHEME://127.0.0.1:$PORT/socket.io/?EIO=4&transport=polling" 2>/dev/null || true)"
    [[ "$body" == '0{'* ]]
}

stop_one() {
    local name="$1" pid waited=0
    pid="$(pid_of "$name")"
    if [ -z "$pid" ]; then
        [ -f "$TMP_DIR/$name.pid" ] && log "$name: not running (stale pid file removed)"
        rm -f "$TMP_DIR/$name.pid"
        return 0
    fi
    log "$name: stopping pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$waited" -ge $((STOP_TIMEOUT * 10)) ]; then
            log "$name: still alive after ${STOP_TIMEOUT} s, sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    rm -f "$TMP_DIR/$name.pid"
}

start_one() {
    local name="$1" pid deadline logfile="$TMP_DIR/$1.log"
    if [ "$name" = asgi-tls ]; then
        ensure_tls || return 1
    fi
    server_spec "$name"
    if [ ! -x "$PY" ]; then
        log "$name: $PY is missing: run scripts/setup.sh first"
        return 1
    fi
    pid="$(pid_of "$name")"
    if [ -n "$pid" ]; then
        # The work tree may be shared: another shell's tests may be using it.
        if [ "${SERVERS_RESTART:-0}" != "1" ] && handshake_ok; then
            log "$name: already running from an earlier start (pid $pid), reusing it"
            return 0
        fi
        log "$name: restarting the one from an earlier start (pid $pid)"
        stop_one "$name"
    fi
    if port_in_use "$PORT"; then
        log "ERROR: $name: port 127.0.0.1:$PORT is already in use by another process"
        return 1
    fi
    log "$name: starting on $SCHEME://127.0.0.1:$PORT${ENVS[*]:+ (${ENVS[*]})}, log $logfile"
    (
        cd "$WORKDIR"
        exec env HOST=127.0.0.1 PORT="$PORT" PYTHONUNBUFFERED=1 "${ENVS[@]}" "$PY" "${ARGS[@]}"
    ) >"$logfile" 2>&1 </dev/null &
    pid=$!
    printf '%s\n' "$pid" >"$TMP_DIR/$name.pid"

    deadline=$((SECONDS + START_TIMEOUT))
    until handshake_ok; do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "ERROR: $name exited before answering the Engine.IO handshake; last lines of $logfile:"
            tail -n 30 "$logfile" >&2 || true
            rm -f "$TMP_DIR/$name.pid"
            return 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "ERROR: $name did not answer the Engine.IO handshake on port $PORT within ${START_TIMEOUT} s; last lines of $logfile:"
            tail -n 30 "$logfile" >&2 || true
            return 1
        fi
        sleep 0.2
    done
    log "$name: up (pid $pid)"
}

# select_names [NAME...] -> SELECTED (the given names, or all) and ALL (1 when none were given).
select_names() {
    local name known
    if [ "$#" -eq 0 ]; then
        SELECTED=("${NAMES[@]}") ALL=1
        return 0
    fi
    SELECTED=() ALL=0
    for name in "$@"; do
        for known in "${NAMES[@]}"; do
            [ "$name" = "$known" ] && { SELECTED+=("$name"); continue 2; }
        done
        log "unknown server '$name' (known: ${NAMES[*]})"
        return 2
    done
}

cmd_start() {
    mkdir -p "$TMP_DIR"
    command -v curl >/dev/null 2>&1 || { log "ERROR: curl is required"; return 1; }
    local name exports=()
    for name in "${SELECTED[@]}"; do
        if ! start_one "$name"; then
            log "stopping the servers started so far"
            cmd_stop
            return 1
        fi
        exports+=("export $VAR=$SCHEME://127.0.0.1:$PORT")
        if [ "$name" = asgi-tls ]; then
            exports+=("$(printf 'export OPENCHAT_TLS_CA=%q' "$TLS_DIR/ca.pem")")
        fi
    done
    if [ "$ALL" = 1 ]; then
        printf '%s\n' "${exports[@]}" >"$TMP_DIR/env.sh.new"
        mv "$TMP_DIR/env.sh.new" "$TMP_DIR/env.sh"
        log "wrote $TMP_DIR/env.sh"
    fi
    printf '%s\n' "${exports[@]}"
}

cmd_stop() {
    local name
    for name in "${SELECTED[@]}"; do
        stop_one "$name"
    done
    if [ "$ALL" = 1 ]; then
        rm -f "$TMP_DIR/env.sh"
    fi
}

cmd_status() {
    local name pid rc=0
    for name in "${SELECTED[@]}"; do
        server_spec "$name"
        pid="$(pid_of "$name")"
        if [ -n "$pid" ] && handshake_ok; then
            log "$name: running, pid $pid, $SCHEME://127.0.0.1:$PORT"
        elif [ -n "$pid" ]; then
            log "$name: pid $pid alive but not answering on port $PORT"; rc=1
        else
            log "$name: not running"; rc=1
        fi
    done
    return "$rc"
}

action="${1:-}"
if [ "$#" -gt 0 ]; then shift; fi
case "$action" in
    start|restart|stop|status) select_names "$@" || exit 2 ;;
esac
case "$action" in
    start) cmd_start ;;
    restart) cmd_stop; cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: $0 start|stop|restart|status [NAME...]" >&2; exit 2 ;;
esac
