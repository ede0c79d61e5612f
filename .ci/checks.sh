#!/usr/bin/env bash
# What CI proves on a machine, through the README's own commands: the server starts and
# answers /healthz, the console prints its usage without a display, and the test suite
# passes, built as users build it (release) and under AddressSanitizer + UBSan (the dev
# preset, leak detection on). The suites run last so that a summary closes the output.
set -euo pipefail
cd "$(dirname "$0")/.."

http_status_line() { # port path -> the status line, empty when nothing answers
    local line=""
    if exec 3<>"/dev/tcp/127.0.0.1/$1"; then
        printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
        IFS= read -r -t 5 line <&3 || true
        exec 3<&- 3>&-
    fi 2>/dev/null
    printf '%s' "${line%$'\r'}"
}

# scripts/run.sh on a free port (it installs, builds cache-server, then execs it).
for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    [[ -z "$(http_status_line "$port" /)" ]] && break
done
log=$(mktemp)
SERVER_PORT=$port scripts/run.sh >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
status=""
for _ in $(seq 1 600); do # the first run builds: up to 10 minutes
    status=$(http_status_line "$port" /healthz)
    [[ -n "$status" ]] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 1
done
if [[ "$status" != "HTTP/1.1 200 OK" ]]; then
    cat "$log" >&2
    echo "ci: scripts/run.sh did not answer GET /healthz with 200 (got '${status:-nothing}')" >&2
    exit 1
fi
echo "ci: scripts/run.sh serves GET /healthz on port $port: $status"
kill "$server"; wait "$server" 2>/dev/null || true

# The console's usage, with no display at all.
usage=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM scripts/console.sh --help)
grep -q '^Usage:' <<<"$usage" || { echo "ci: cache-console --help printed no usage" >&2; exit 1; }
echo "ci: cache-console --help prints its usage without a display"

# The Debian packages, only in a throw-away root (they install into the system).
if [[ -n "${QRC_FRESH_ROOT:-}" ]]; then
    packaging/check-packages.sh
fi

# Every fuzz target for about 20 s (clang, ASan + UBSan): they keep compiling and stay clean.
FUZZ_JOBS=2 scripts/fuzz.sh 20

# Node and npm, so that app/openapi_validate runs (it is skipped without them).
scripts/install-deps.sh --openapi
PRESET=dev scripts/test.sh
scripts/test.sh
