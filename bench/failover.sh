#!/usr/bin/env bash
# Fail-over under load with many instances: two cache-server processes share one Redis
# topology on loopback, each under wrk, while the Redis master is killed (SIGKILL) and a
# replica is promoted. Reports per instance: requests, non-2xx, socket errors, stale reads,
# p50/p99/max latency, and how long it took until the instance was back on Redis.
# Targets: 0 non-2xx, 0 socket errors, 0 stale reads.
#
#   sentinel  a master, one replica and 3 Sentinels (quorum 2); the Sentinels promote the
#             replica; the instances follow +switch-master
#   cluster   3 masters + 3 replicas (redis-cli --cluster create); the master owning the probe
#             items' slots is killed and its replica takes over
#
# Stale reads: before the kill each instance reads a few items (cached in Redis); right after
# the kill each changes them with PUT; once back on Redis each reads them again and must see
# its change. (The demo store is per instance, so each instance checks its own writes.)
#
# Usage: bench/failover.sh [sentinel|cluster ...]   (default: both; about 1 minute each)
# Env:   SECONDS_AFTER_KILL=15  load after the kill;  CONNECTIONS=16  per instance
#        CACHE_SERVER=...  this binary instead of building build/release/server/cache-server
#        RESULTS_MD=file   also write the markdown table there
# Loopback only; every process started here is stopped on exit.
set -euo pipefail
{
cd "$(dirname "$0")/.."
# shellcheck source=bench/benchlib.sh
source bench/benchlib.sh

after_s=${SECONDS_AFTER_KILL:-15}
connections=${CONNECTIONS:-16}
items=1000
topologies=("$@")
[[ ${#topologies[@]} -eq 0 ]] && topologies=(sentinel cluster)

require_tools failover wrk redis-server redis-sentinel redis-cli curl python3
server_bin=$(server_binary failover)

work=$(mktemp -d /tmp/qrc-failover.XXXXXX)
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

token=failover-token
probes=(7 77 777)

# start_redis <dir> <port> [args...]: the pid goes to <dir>/pid.
start_redis() {
    local dir=$1 port=$2
    shift 2
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" "$@" \
        >"$dir/log" 2>&1 &
    echo $! >"$dir/pid"
    pids+=($!)
    wait_redis_up "$port"
}

cat >"$work/load.lua" <<EOF
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
request = function()
    return wrk.format("GET", "/items/" .. math.random(1, $items))
end
$WRK_RESULT_LUA
EOF

# wait_synced <port>...: until each replica among them has finished its first sync. One that
# has not refuses to take over in a cluster ("Disconnected from master for longer than
# allowed"), and Redis 7 delays that sync by 5 s (repl-diskless-sync-delay): a master killed
# before then tests nothing but that.
wait_synced() {
    local port
    for port in "$@"; do
        for _ in $(seq 1 300); do
            redis-cli -p "$port" role | head -1 | grep -q slave || break
            redis-cli -p "$port" info replication | grep -q 'master_link_status:up' && break
            sleep 0.1
        done
    done
}

results="$work/results.md"
{
    echo "| Topology | Instance | Requests | Non-2xx | Socket errors | Stale reads | p50 ms | p99 ms | max ms | back on Redis after |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} >"$results"
failed=0

for topology in "${topologies[@]}"; do
    dir="$work/$topology"
    mkdir -p "$dir"
    redis_args=()
    case "$topology" in
    sentinel)
        master_port=$(free_port)
        start_redis "$dir/master" "$master_port"
        replica_port=$(free_port)
        start_redis "$dir/replica" "$replica_port" --replicaof 127.0.0.1 "$master_port"
        wait_synced "$replica_port"
        sentinels=()
        for i in 1 2 3; do
            sport=$(free_port)
            mkdir -p "$dir/sentinel$i"
            printf '%s\n' "port $sport" "bind 127.0.0.1" "dir $dir/sentinel$i" \
                "sentinel monitor qrc 127.0.0.1 $master_port 2" \
                "sentinel down-after-milliseconds qrc 1000" \
                "sentinel failover-timeout qrc 3000" \
                "sentinel parallel-syncs qrc 1" >"$dir/sentinel$i/sentinel.conf"
            redis-sentinel "$dir/sentinel$i/sentinel.conf" >"$dir/sentinel$i/log" 2>&1 &
            pids+=($!)
            wait_redis_up "$sport"
            sentinels+=("127.0.0.1:$sport")
        done
        victim_pid=$(cat "$dir/master/pid")
        redis_args=(--redis-sentinels "$(IFS=,; echo "${sentinels[*]}")" --redis-sentinel-master qrc)
        ;;
    cluster)
        nodes=()
        for i in 1 2 3 4 5 6; do
            nport=$(free_cluster_port)
            start_redis "$dir/node$i" "$nport" --cluster-enabled yes --cluster-node-timeout 1000 \
                --cluster-config-file "$dir/node$i/nodes.conf"
            nodes+=("127.0.0.1:$nport")
        done
        redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$dir/create.log" 2>&1
        first=${nodes[0]##*:}
        for _ in $(seq 1 100); do
            redis-cli -p "$first" cluster info | grep -q 'cluster_state:ok' && break
            sleep 0.1
        done
        wait_synced "${nodes[@]##*:}"
        redis_args=(--redis-cluster-nodes "$(IFS=,; echo "${nodes[*]}")")
        ;;
    *)
        echo "failover: unknown topology $topology (sentinel or cluster)" >&2
        exit 2
        ;;
    esac

    bases=()
    for instance in a b; do
        port=$(free_port)
        CACHE_ADMIN_TOKEN=$token "$server_bin" --host 127.0.0.1 --port "$port" "${redis_args[@]}" \
            --rate-limit none --demo-items "$items" --cache-namespace-prefix "fo-$instance" \
            --log-level warning >"$dir/server-$instance.log" 2>&1 &
        pids+=($!)
        bases+=("http://127.0.0.1:$port")
        wait_http "http://127.0.0.1:$port/healthz"
    done
    for base in "${bases[@]}"; do
        for _ in $(seq 1 100); do
            [[ "$(backend_of "$base" "$token")" == redis ]] && break
            sleep 0.1
        done
        [[ "$(backend_of "$base" "$token")" == redis ]] ||
            { echo "failover: $topology: $base is not on Redis" >&2; cat "$dir"/server-*.log >&2; exit 1; }
        for p in "${probes[@]}"; do item_name "$base" "$p" >/dev/null; done # cached in Redis
    done
    if [[ "$topology" == cluster ]]; then
        # Kill the master that holds instance a's first probe item (the key as cache-server
        # writes it: <prefix>:items:<path>); its replica takes over.
        key=$(redis-cli -p "$first" --scan --pattern "fo-a:*${probes[0]}*" | head -1)
        [[ -z "$key" ]] && key=$(redis-cli -c -p "$first" --scan --pattern 'fo-a:*' | head -1)
        slot=$(redis-cli -p "$first" cluster keyslot "$key")
        owner=$(redis-cli -p "$first" cluster nodes | awk -v s="$slot" '$3 ~ /master/ {
            for (i = 9; i <= NF; i++) { n = split($i, r, "-"); lo = r[1]; hi = (n > 1 ? r[2] : r[1])
                if (s >= lo && s <= hi) { split($2, a, "@"); print a[1]; exit } } }')
        victim_pid=""
        for i in 1 2 3 4 5 6; do
            [[ "${nodes[$((i - 1))]}" == "$owner" ]] && victim_pid=$(cat "$dir/node$i/pid")
        done
        [[ -n "$victim_pid" ]] || { echo "failover: no master found for slot $slot" >&2; exit 1; }
    fi

    wrk_pids=()
    for i in 0 1; do
        wrk -t1 -c"$connections" -d$((after_s + 3))s --timeout 5s -s "$work/load.lua" "${bases[$i]}" \
            >"$dir/wrk-$i.log" 2>&1 &
        wrk_pids+=($!)
    done
    sleep 3
    kill -KILL "$victim_pid"
    killed_at=$(date +%s.%N)
    sleep 0.2
    declare -A expected=()
    put_pids=()
    for i in 0 1; do
        for p in "${probes[@]}"; do
            expected[$i-$p]="failover-$topology-$i-$p-$RANDOM"
            curl -s -m 20 -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
                -d "{\"name\": \"${expected[$i-$p]}\", \"price\": 1}" "${bases[$i]}/items/$p" \
                >"$dir/put-$i-$p.code" &
            put_pids+=($!)
        done
    done
    # When each instance is back on Redis after the kill (sampled every 100 ms).
    declare -A back=()
    while :; do
        for i in 0 1; do
            if [[ -z "${back[$i]:-}" && "$(backend_of "${bases[$i]}" "$token")" == redis ]]; then
                back[$i]=$(python3 -c "import time; print(f'{time.time() - $killed_at:.1f} s')")
            fi
        done
        [[ -n "${back[0]:-}" && -n "${back[1]:-}" ]] && break
        kill -0 "${wrk_pids[0]}" 2>/dev/null || kill -0 "${wrk_pids[1]}" 2>/dev/null || break
        sleep 0.1
    done
    for pid in "${wrk_pids[@]}" "${put_pids[@]}"; do wait "$pid" || true; done
    for i in 0 1; do
        stale=0
        for _ in $(seq 1 300); do
            [[ "$(backend_of "${bases[$i]}" "$token")" == redis ]] && break
            sleep 0.1
        done
        for p in "${probes[@]}"; do
            code=$(cat "$dir/put-$i-$p.code")
            [[ "$code" == 200 ]] || { echo "failover: $topology: PUT on instance $i answered $code" >&2; stale=$((stale + 1)); continue; }
            got=$(item_name "${bases[$i]}" "$p")
            [[ "$got" == "${expected[$i-$p]}" ]] ||
                { echo "failover: $topology: instance $i reads '$got' for item $p" >&2; stale=$((stale + 1)); }
        done
        read -r _ requests non2xx sockerr p50 p99 max < <(grep '^RESULT' "$dir/wrk-$i.log" || echo "RESULT 0 0 0 0 0 0")
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$topology" "$i" "$requests" \
            "$non2xx" "$sockerr" "$stale" "$p50" "$p99" "$max" "${back[$i]:-not back}" >>"$results"
        if [[ "$requests" == 0 || "$non2xx" != 0 || "$sockerr" != 0 || "$stale" != 0 || -z "${back[$i]:-}" ]]; then
            failed=1
        fi
    done
    unset expected back
    # This topology's processes stop before the next one starts.
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
done

echo
cat "$results"
[[ -n "${RESULTS_MD:-}" ]] && cp "$results" "$RESULTS_MD"
[[ "$failed" == 0 ]] && echo "all targets met" || echo "TARGETS MISSED"
exit "$failed"
}
