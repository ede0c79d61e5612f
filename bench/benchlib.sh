# Shared by the load scripts in bench/ (sourced, not run): tool checks, the cache-server
# binary, free loopback ports, waiting for HTTP, and wrk's one-line result.
# Each script keeps its own traps: what it starts, it stops.

# require_tools <script name> <tool>...
require_tools() {
    local name=$1 tool
    shift
    for tool in "$@"; do
        command -v "$tool" >/dev/null || {
            echo "$name: $tool is missing (scripts/install-deps.sh --bench)" >&2
            exit 1
        }
    done
}

# server_binary <script name>: $CACHE_SERVER, or cache-server built in release.
server_binary() {
    if [[ -n "${CACHE_SERVER:-}" ]]; then
        echo "$CACHE_SERVER"
        return
    fi
    echo "$1: building cache-server (Release)..." >&2
    scripts/build.sh release --target cache-server >/dev/null
    echo build/release/server/cache-server
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# free_cluster_port: a free port for a Redis Cluster node, whose cluster bus listens 10,000
# above it: at most 55535 (redis-server refuses to start above), and the bus port free too.
free_cluster_port() {
    python3 -c '
import random, socket
def free(port):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()
while True:
    port = random.randint(20000, 55535)
    if free(port) and free(port + 10000):
        print(port)
        break
'
}

# wait_http <url> [tenths of a second]: 0 once it answers 2xx.
wait_http() {
    local i
    for i in $(seq 1 "${2:-300}"); do
        curl -fs -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing answers at $1" >&2
    return 1
}

# wait_redis_up <port>: 0 once redis-server answers PING.
wait_redis_up() {
    local i
    for i in $(seq 1 50); do
        redis-cli -p "$1" ping 2>/dev/null | grep -q PONG && return 0
        sleep 0.1
    done
    echo "redis-server on port $1 did not start" >&2
    return 1
}

# The backend a cache-server reports: backend_of <base url> <token>
backend_of() {
    curl -fs -m 2 -H "Authorization: Bearer $2" "$1/cache/stats" 2>/dev/null |
        python3 -c 'import json, sys; print(json.load(sys.stdin).get("backend", "?"))' 2>/dev/null ||
        echo "?"
}

# The item's name as a cache-server answers it: item_name <base url> <id>
item_name() {
    curl -fs -m 10 "$1/items/$2" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["name"])' 2>/dev/null || echo "?"
}

# wrk's done() for a Lua script: one line "RESULT requests non2xx socket-errors p50 p99 max"
# (milliseconds), which every script parses the same way.
WRK_RESULT_LUA='
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT %d %d %d %.1f %.1f %.1f\n", summary.requests, e.status,
        e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000))
end
'
