#!/usr/bin/env bash
# Installs what the tests need and is missing; safe to run again.
#
#   apt:            libcurl4-openssl-dev (the CCurl system-library target)
#   .venv-ref       Reference/flask-openchat/requirements.txt (Flask + eventlet OpenChat)
#   .venv-peers     Tests/Servers/requirements.txt + the python-socketio client
#   .venv-kosoku    kosoku (Autobahn fuzzingserver for the WebSocket client)
#
# Each venv carries a stamp with a hash of what it was built from (requirement
# files, extra packages, Python version); a venv whose stamp matches is left
# alone, any other is rebuilt from scratch.
#
# Environment: PYTHON (default python3) picks the interpreter for the venvs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
STAMP_NAME=".openchat-setup-stamp"

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# --- Debian packages ----------------------------------------------------------

ensure_apt_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        log "apt: $* already installed"
        return 0
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to install: ${missing[*]}"
        sudo=(sudo)
    fi
    log "apt: installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq >/dev/null || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}

# --- Python venvs -------------------------------------------------------------

# ensure_venv DIR REQ_FILE|- [EXTRA_PACKAGE...]
ensure_venv() {
    local dir="$1" req="$2"
    shift 2
    local extras=("$@")
    local hash_input stamp
    hash_input="$("$PYTHON" -c 'import sys; print(sys.version)')"
    if [ "$req" != "-" ]; then
        [ -f "$req" ] || die "missing requirements file $req"
        hash_input+=$'\n'"$(cat "$req")"
    fi
    hash_input+=$'\n'"${extras[*]:-}"
    stamp="$(printf '%s' "$hash_input" | sha256sum | cut -d' ' -f1)"

    if [ -x "$dir/bin/python" ] && [ -f "$dir/$STAMP_NAME" ] \
        && [ "$(cat "$dir/$STAMP_NAME")" = "$stamp" ]; then
        log "$dir: up to date"
        return 0
    fi

    local what=()
    [ "$req" != "-" ] && what+=("-r $req")
    what+=("${extras[@]}")
    log "$dir: creating (pip install ${what[*]})"
    local start=$SECONDS
    rm -rf "$dir"
    "$PYTHON" -m venv "$dir" || die "$PYTHON -m venv $dir failed"
    local pip=("$dir/bin/python" -m pip install -q --disable-pip-version-check --no-input)
    if [ "$req" != "-" ]; then
        "${pip[@]}" -r "$req" || { rm -rf "$dir"; die "$dir: pip install -r $req failed"; }
    fi
    if [ "${#extras[@]}" -gt 0 ]; then
        "${pip[@]}" "${extras[@]}" || { rm -rf "$dir"; die "$dir: pip install ${extras[*]} failed"; }
    fi
    printf '%s\n' "$stamp" >"$dir/$STAMP_NAME"
    log "$dir: ready in $((SECONDS - start)) s"
}

command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found (set PYTHON=...)"
log "python: $(command -v "$PYTHON") ($("$PYTHON" --version 2>&1))"

ensure_apt_packages libcurl4-openssl-dev
if [ "${SKIP_KOSOKU:-0}" != "1" ]; then   # the tests drive the Swift server's chat page in headless Chromium
    ensure_apt_packages chromium
fi

ensure_venv .venv-ref Reference/flask-openchat/requirements.txt
if [ "${SKIP_KOSOKU:-0}" != "1" ]; then   # the demo needs only the reference server
    ensure_venv .venv-peers Tests/Servers/requirements.txt \
        "python-socketio[client]==5.18.1" "websocket-client==1.9.2" "jsonschema==4.26.0"
    ensure_venv .venv-kosoku - "kosoku==0.1.0"
fi

log "done"
