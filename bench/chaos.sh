#!/usr/bin/env bash
# Fault campaign: wrk against cache-server (Redis backend) while Redis is frozen, killed,
# restarted, has its clients killed, runs out of memory, sleeps in DEBUG SLEEP, or holds
# wrong-type and corrupt values under the cache's prefix. Per fault it reports requests,
# non-2xx answers, socket errors, stale reads and p50/p99/max latency; targets: 0 non-2xx,
# 0 socket errors, 0 stale reads, p99 < 300 ms.
#
# Stale reads: before each fault a few items are read (cached in Redis); during the fault each
# is changed with PUT; once the fault is over and the server is back on Redis, each is read
# again and must show the change.
#
# Usage: bench/chaos.sh [fault...]   (default: every fault; about 3 minutes)
# Env:   FAULT_SECONDS=6   how long each fault lasts (wrk runs 2 s before and 4 s after it)
#        CONNECTIONS=32    wrk connections;  ITEMS=1000  distinct items read
#        CACHE_SERVER=...  this binary instead of building build/release/server/cache-server
#        RESULTS_MD=file   also write the markdown table there
# Loopback only; every process started here is stopped on exit.
set -euo pipefail
{
cd "$(dirname "$0")/.."
# shellcheck source=bench/benchlib.sh
source bench/benchlib.sh

fault_s=${FAULT_SECONDS:-6}
connections=${CONNECTIONS:-32}
items=${ITEMS:-1000}
all_faults=(none freeze kill-restart client-kill oom debug-sleep wrong-type corrupt)
faults=("$@")
[[ ${#faults[@]} -eq 0 ]] && faults=("${all_faults[@]}")

require_tools chaos wrk redis-server redis-cli curl python3
server_bin=$(server_binary chaos)

work=$(mktemp -d /tmp/qrc-chaos.XXXXXX)
server_pid=""
# The fault injector restarts Redis from a subshell: the current pid lives in a file.
redis_pid() { cat "$work/redis.pid" 2>/dev/null; }
cleanup() {
    local pid
    pid=$(redis_pid)
    [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
    if [[ -n "$pid" ]]; then
        kill -CONT "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
    fi
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

redis_port=$(free_port)
rcli() { redis-cli -p "$redis_port" "$@"; }
start_redis() {
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
        --enable-debug-command local >>"$work/redis.log" 2>&1 &
    echo $! >"$work/redis.pid"
    wait_redis_up "$redis_port"
}
start_redis

port=$(free_port)
token=chaos-token
base="http://127.0.0.1:$port"
CACHE_ADMIN_TOKEN=$token "$server_bin" --host 127.0.0.1 --port "$port" \
    --redis-host 127.0.0.1 --redis-port "$redis_port" --rate-limit none --demo-items "$items" \
    --cache-namespace-prefix chaos --log-level warning >"$work/server.log" 2>&1 &
server_pid=$!

backend() { backend_of "$base" "$token"; }
wait_redis_backend() { # seconds
    local i
    for i in $(seq 1 $(($1 * 10))); do
        [[ "$(backend)" == redis ]] && return 0
        sleep 0.1
    done
    return 1
}
wait_redis_backend 10 || { echo "chaos: cache-server is not on Redis" >&2; cat "$work/server.log" >&2; exit 1; }

cat >"$work/load.lua" <<EOF
math.randomseed(os.time())
request = function()
    return wrk.format("GET", "/items/" .. math.random(1, $items))
end
$WRK_RESULT_LUA
EOF

# Every key of the item namespace, rewritten by a Lua script in Redis.
rewrite_items() { # lua body using k
    rcli EVAL "local ks = redis.call('KEYS', 'chaos:items:*') for _, k in ipairs(ks) do $1 end return #ks" 0 >/dev/null
}

# Runs in the background for the fault window.
inject() { # fault
    local end=$((SECONDS + fault_s))
    case "$1" in
    none) sleep "$fault_s" ;;
    freeze)
        kill -STOP "$(redis_pid)"
        sleep "$fault_s"
        kill -CONT "$(redis_pid)"
        ;;
    kill-restart)
        kill -KILL "$(redis_pid)"
        sleep $((fault_s / 2))
        start_redis
        ;;
    client-kill)
        while ((SECONDS < end)); do
            rcli CLIENT KILL TYPE normal >/dev/null
            sleep 0.5
        done
        ;;
    oom)
        rcli CONFIG SET maxmemory-policy noeviction >/dev/null
        rcli CONFIG SET maxmemory 1 >/dev/null
        sleep "$fault_s"
        rcli CONFIG SET maxmemory 0 >/dev/null
        ;;
    debug-sleep) rcli DEBUG SLEEP "$fault_s" >/dev/null ;;
    wrong-type)
        while ((SECONDS < end)); do
            rewrite_items "redis.call('DEL', k) redis.call('RPUSH', k, 'wrong')"
            sleep 1
        done
        ;;
    corrupt)
        while ((SECONDS < end)); do
            rewrite_items "redis.call('SET', k, '\\31\\139\\8\\0corrupt')"
            rewrite_items "redis.call('SET', k, '\\0QRC\\1\\3\\2ct\\255\\255')"
            sleep 1
        done
        ;;
    esac
}

probes=(7 77 777)
item() { item_name "$base" "$1"; }

results="$work/results.md"
{
    echo "| Fault | Requests | Non-2xx | Socket errors | Stale reads | p50 ms | p99 ms | max ms |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} >"$results"

failed=0
for fault in "${faults[@]}"; do
    for p in "${probes[@]}"; do
        item "$p" >/dev/null # cached in Redis
    done
    wrk -t1 -c"$connections" -d$((fault_s + 6))s --timeout 2s -s "$work/load.lua" "$base" \
        >"$work/wrk-$fault.log" 2>&1 &
    wrk_pid=$!
    sleep 2
    inject "$fault" &
    inject_pid=$!
    sleep 1
    # The writes of the stale-read check, during the fault (each may wait for the socket
    # timeout of a frozen Redis, so they run side by side).
    declare -A expected=()
    put_pids=()
    for p in "${probes[@]}"; do
        expected[$p]="chaos-$fault-$p-$RANDOM"
        curl -s -m 20 -o "$work/put-$p.out" -w '%{http_code}' -X PUT \
            -H 'Content-Type: application/json' \
            -d "{\"name\": \"${expected[$p]}\", \"price\": 1}" "$base/items/$p" \
            >"$work/put-$p.code" &
        put_pids+=($!)
    done
    wait "$inject_pid" || true
    wait "$wrk_pid" || true
    for pid in "${put_pids[@]}"; do
        wait "$pid" || true
    done
    recovered=yes
    wait_redis_backend 30 || recovered=no
    stale=0
    for p in "${probes[@]}"; do
        code=$(cat "$work/put-$p.code")
        [[ "$code" == 200 ]] || { echo "chaos: $fault: PUT /items/$p answered $code" >&2; stale=$((stale + 1)); continue; }
        got=$(item "$p")
        [[ "$got" == "${expected[$p]}" ]] || { echo "chaos: $fault: /items/$p reads '$got'" >&2; stale=$((stale + 1)); }
    done
    read -r _ requests non2xx sockerr p50 p99 max < <(grep '^RESULT' "$work/wrk-$fault.log" || echo "RESULT 0 0 0 0 0 0")
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$fault" "$requests" "$non2xx" "$sockerr" \
        "$stale" "$p50" "$p99" "$max" >>"$results"
    [[ "$recovered" == yes ]] || echo "chaos: $fault: the server did not return to Redis within 30 s" >&2
    if [[ "$requests" == 0 || "$non2xx" != 0 || "$sockerr" != 0 || "$stale" != 0 || "$recovered" != yes ]] ||
        ! python3 -c "import sys; sys.exit(0 if float('$p99') < 300 else 1)"; then
        failed=1
    fi
    printf '%-12s %s\n' "$fault" "$(tail -1 "$results")" >&2
done

echo
echo "cache-server errors counted: $(curl -fs -H "Authorization: Bearer $token" "$base/cache/stats" |
    python3 -c 'import json, sys; print(json.load(sys.stdin).get("errors", "?"))' 2>/dev/null || echo '?')"
echo
cat "$results"
[[ -n "${RESULTS_MD:-}" ]] && cp "$results" "$RESULTS_MD"
[[ "$failed" == 0 ]] && echo "all targets met" || echo "TARGETS MISSED"
exit "$failed"
}
