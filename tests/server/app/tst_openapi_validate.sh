#!/usr/bin/env bash
# ctest app/openapi_validate: cache-server's GET /openapi.json (admin token set, rate limiter
# on, so the security scheme and the 429 answers are in it) validated by an independent OpenAPI
# 3.1 validator, @apidevtools/swagger-parser, pinned with its dependencies by
# openapi/package-lock.json. The validator is installed with `npm ci` into <tools dir> (under
# build/) when it is missing or the lock changed. Skipped (exit 77) only when node or npm is
# not installed: scripts/install-deps.sh --openapi installs them.
# Usage: tst_openapi_validate.sh <cache-server binary> <tools dir>
set -euo pipefail
server_bin=$1
tools=$2
here=$(cd "${BASH_SOURCE[0]%/*}" && pwd)

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "SKIPPED: node and npm are not installed (scripts/install-deps.sh --openapi installs them)"
    exit 77
fi
if ! cmp -s "$here/openapi/package-lock.json" "$tools/package-lock.json" ||
    [[ ! -f "$tools/node_modules/@apidevtools/swagger-parser/package.json" ]]; then
    echo "installing the pinned validator into $tools"
    rm -rf "$tools"
    mkdir -p "$tools"
    cp "$here/openapi/package.json" "$here/openapi/package-lock.json" "$tools/"
    (cd "$tools" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi

work=$(mktemp -d /tmp/qrc-openapi.XXXXXX)
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# A free port: try random ones until the server listens (it exits at once when it cannot).
url=""
for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    CACHE_ADMIN_TOKEN=openapi-test-token-0123456789 \
        "$server_bin" --no-redis --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        grep -q "listening on" "$work/server.log" && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.05
    done
    if grep -q "listening on" "$work/server.log"; then
        url="http://127.0.0.1:$port"
        break
    fi
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
done
[[ -n "$url" ]] || { echo "error: cache-server did not start:"; cat "$work/server.log"; exit 1; }

node "$here/openapi/validate.cjs" "$tools/node_modules" "$url/openapi.json"
