#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, starts a private redis-server on a
# free loopback port (no persistence), runs CTest against it, stops Redis, and exits non-zero
# on any failure. PRESET=dev runs the suite under AddressSanitizer + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${PRESET:-release}"
scripts/install-deps.sh
scripts/build.sh "$preset"

workdir=$(mktemp -d /tmp/qrc-test-redis.XXXXXX)
redis_pid=""
cleanup() {
    [[ -n "$redis_pid" ]] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
    rm -rf "$workdir"
}
trap cleanup EXIT

# Pick a free port: try random ones until a redis-server starts and answers PING.
for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
        --dir "$workdir" --logfile "$workdir/redis.log" --daemonize no &
    redis_pid=$!
    for _ in $(seq 1 50); do
        redis-cli -p "$port" ping >/dev/null 2>&1 && break
        kill -0 "$redis_pid" 2>/dev/null || break
        sleep 0.1
    done
    if redis-cli -p "$port" ping >/dev/null 2>&1; then break; fi
    kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; redis_pid=""
done
[[ -n "$redis_pid" ]] || { echo "error: could not start redis-server" >&2; exit 1; }
echo "test redis-server on 127.0.0.1:$port"
export QRC_TEST_REDIS_PORT="$port"

ctest --preset "$preset" --parallel "$(nproc)" "$@"
