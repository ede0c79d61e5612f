#!/usr/bin/env bash
# Soak: a long mixed run against cache-server over 1,000,000 distinct items, on the memory
# backend and on Redis, sampling the server's RSS and open file descriptors.
#
# Traffic (wrk, one Lua script): 85% GET /items/<random of 1,000,000>, 10% PUT of a random
# item (invalidation), 5% console paging (GET /cache/namespaces/items/keys, following
# next_cursor), and one POST /cache/clear/items per 20,000 requests.
#
# Usage: bench/soak.sh [memory|redis ...]     (default: both, side by side)
# Env:   SOAK_SECONDS=600  length of each run;  SAMPLE_SECONDS=10  sampling interval
#        CONNECTIONS=16    wrk connections per run
#        MEMORY_MAX_BYTES=67108864  CACHE_MEMORY_MAX_BYTES of the servers (entries: 1,000,000)
#        CACHE_SERVER=...  this binary instead of building build/release/server/cache-server
#        RESULTS_DIR=dir   keep the samples (<backend>.csv) and the summary there
# Verdict per run: RSS of the last half never above its first sample in that half by more
# than 5% ("flat"), and no file descriptor leaked: with no client connected, before the load
# and two seconds after it, the server holds the same descriptors apart from its connections
# to Redis (how many of those the client keeps open is its own business; each is listed).
# Loopback only; every process started here is stopped on exit.
set -euo pipefail
{
cd "$(dirname "$0")/.."
# shellcheck source=bench/benchlib.sh
source bench/benchlib.sh

seconds=${SOAK_SECONDS:-600}
sample_s=${SAMPLE_SECONDS:-10}
connections=${CONNECTIONS:-16}
max_bytes=${MEMORY_MAX_BYTES:-67108864}
items=1000000
backends=("$@")
[[ ${#backends[@]} -eq 0 ]] && backends=(memory redis)

require_tools soak wrk redis-server redis-cli curl python3
server_bin=$(server_binary soak)

work=$(mktemp -d /tmp/qrc-soak.XXXXXX)
out=${RESULTS_DIR:-$work}
mkdir -p "$out"
# Each run is a subshell with its own processes (pids) and its own clean-up.
pids=()
stop_pids() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
run_pids=()
cleanup() {
    local pid
    for pid in "${run_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${run_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

token=soak-token
cat >"$work/mixed.lua" <<EOF
local token = "Bearer $token"
local cursor = nil
local n = 0
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
request = function()
    n = n + 1
    local r = math.random(1, 100)
    if n % 20000 == 0 then
        return wrk.format("POST", "/cache/clear/items", {["Authorization"] = token})
    elseif r <= 5 then
        local path = "/cache/namespaces/items/keys?count=100"
        if cursor then path = path .. "&cursor=" .. cursor end
        return wrk.format("GET", path, {["Authorization"] = token})
    elseif r <= 15 then
        local id = math.random(1, $items)
        return wrk.format("PUT", "/items/" .. id, {["Content-Type"] = "application/json"},
            '{"name": "soak ' .. n .. '", "price": 1}')
    end
    return wrk.format("GET", "/items/" .. math.random(1, $items))
end
response = function(status, headers, body)
    local c = body:match('"next_cursor":"([^"]*)"')
    if c then cursor = c elseif body:find('"next_cursor":null', 1, true) then cursor = nil end
end
$WRK_RESULT_LUA
EOF

run() { # backend (in a subshell)
    trap stop_pids EXIT
    trap 'exit 143' TERM
    local backend=$1 port redis_args=() csv="$out/$1.csv" redis_port=""
    port=$(free_port)
    if [[ "$backend" == redis ]]; then
        redis_port=$(free_port)
        # Redis keeps every key of the run (1,000,000 small values fit in about 200 MB).
        redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
            --dir "$work" --maxmemory 512mb --maxmemory-policy allkeys-lru \
            >"$work/redis.log" 2>&1 &
        pids+=($!)
        wait_redis_up "$redis_port"
        redis_args=(--redis-host 127.0.0.1 --redis-port "$redis_port")
    else
        redis_args=(--no-redis)
    fi
    CACHE_ADMIN_TOKEN=$token "$server_bin" --host 127.0.0.1 --port "$port" "${redis_args[@]}" \
        --rate-limit none --rate-limit-management none --demo-items "$items" --demo-latency-ms 0 \
        --cache-memory-max-entries "$items" --cache-memory-max-bytes "$max_bytes" \
        --cache-namespace-prefix "soak-$backend" --log-level warning >"$work/$backend.log" 2>&1 &
    local server=$!
    pids+=($server)
    wait_http "http://127.0.0.1:$port/healthz"
    # Descriptors with no client connected: total, and how many are connections to Redis.
    quiet_fds() {
        local total to_redis=0
        total=$(ls "/proc/$server/fd" | wc -l)
        if [[ -n "$redis_port" ]]; then
            to_redis=$(ss -tnpH state established "( dport = :$redis_port )" |
                grep -c "pid=$server," || true)
        fi
        echo "$total $to_redis"
    }
    sleep 1
    local before after
    before=$(quiet_fds)

    wrk -t1 -c"$connections" -d"${seconds}s" --timeout 5s -s "$work/mixed.lua" \
        "http://127.0.0.1:$port" >"$work/wrk-$backend.log" 2>&1 &
    local wrk_pid=$!
    pids+=($wrk_pid)
    echo "seconds,rss_kb,fds" >"$csv"
    local start=$SECONDS
    while kill -0 "$wrk_pid" 2>/dev/null; do
        local rss fds
        rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status")
        fds=$(ls "/proc/$server/fd" | wc -l)
        echo "$((SECONDS - start)),$rss,$fds" >>"$csv"
        sleep "$sample_s"
    done
    wait "$wrk_pid" || true
    sleep 2 # wrk's connections are closed; the server sees their EOF
    after=$(quiet_fds)
    ls -l "/proc/$server/fd" >"$out/$backend.fds" 2>/dev/null || true
    local result
    result=$(grep '^RESULT' "$work/wrk-$backend.log" || echo "RESULT 0 0 0 0 0 0")
    python3 - "$backend" "$csv" "$max_bytes" "$result" "$before" "$after" <<'EOF' | tee "$out/$backend.summary"
import csv, sys
backend, path, max_bytes, result = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split()
before, after = [int(x) for x in sys.argv[5].split()], [int(x) for x in sys.argv[6].split()]
rows = [(int(r["seconds"]), int(r["rss_kb"]), int(r["fds"])) for r in csv.DictReader(open(path))]
half = [r for r in rows if r[0] >= rows[-1][0] / 2]
first_half_end = half[0]
peak = max(r[1] for r in rows)
growth = max(r[1] for r in half) - first_half_end[1]
warm = rows[min(3, len(rows) - 1)]
flat = growth <= 0.05 * first_half_end[1]
fd_ok = after[0] - after[1] <= before[0] - before[1]
print(f"{backend}: {result[1]} requests, {result[2]} non-2xx, {result[3]} socket errors, "
      f"p50 {result[4]} ms, p99 {result[5]} ms, max {result[6]} ms")
print(f"{backend}: RSS start {rows[0][1] // 1024} MB, peak {peak // 1024} MB, at half time "
      f"{first_half_end[1] // 1024} MB, end {rows[-1][1] // 1024} MB, growth in the last half "
      f"{growth // 1024} MB ({'flat' if flat else 'GROWING'}); memory bound {max_bytes // 1048576} MB")
print(f"{backend}: fds under load: after warm-up {warm[2]}, end {rows[-1][2]}, "
      f"max {max(r[2] for r in rows)}")
print(f"{backend}: fds with no client: before the load {before[0]} ({before[1]} to Redis), "
      f"after it {after[0]} ({after[1]} to Redis): {'no leak' if fd_ok else 'LEAK'}")
sys.exit(0 if flat and fd_ok and result[2] == "0" and result[3] == "0" else 1)
EOF
}

failed=0
for b in "${backends[@]}"; do
    run "$b" &
    run_pids+=($!)
done
for pid in "${run_pids[@]}"; do
    wait "$pid" || failed=1
done
exit "$failed"
}
