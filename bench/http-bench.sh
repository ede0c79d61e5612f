#!/usr/bin/env bash
# HTTP benchmark: cache-server answering cached routes (HITs) under wrk, as a ratio to nginx
# serving the same bytes from a file, measured in the same run on the same machine.
#
# Usage: bench/http-bench.sh            (about 5 minutes; QUICK=1 for 3 s runs, about 2 minutes)
# Env:   QUICK=1          3 s per wrk run instead of 10 s
#        REPEAT=N         repetitions per case (default 3; the median is reported)
#        CACHE_SERVER=... use this binary instead of building build/release/server/cache-server
#        CEILING=...      the same for bench_httpceiling (a bare QHttpServer, measured beside nginx)
#        RESULTS_MD=file  also write the markdown table there
#        PIPELINE=N       every wrk connection pipelines N requests per write (bench/pipeline.lua),
#                         nginx and the bare QHttpServer too
#
# Cases: GET /items/1 (small body) and GET /items (about 8 KB, stored compressed), both HITs,
# on the memory backend and on Redis (a redis-server started here), with the rate limiter on
# (a limit so high it never rejects) and off. Everything listens on 127.0.0.1 only, and every
# process started here is stopped on exit.
set -euo pipefail
# Parsed whole before it runs (one compound command), so that editing this file while it runs
# cannot derail it.
{
cd "$(dirname "$0")/.."

duration=10s
[[ "${QUICK:-0}" != 0 ]] && duration=3s
repeat=${REPEAT:-3}
connections=64
never_reject="1000000/second" # the largest amount accepted; wrk stays far below it

for tool in wrk nginx redis-server curl; do
    command -v "$tool" >/dev/null || {
        echo "http-bench: $tool is missing (scripts/install-deps.sh --bench)" >&2
        exit 1
    }
done

server_bin=${CACHE_SERVER:-}
ceiling_bin=${CEILING:-}
if [[ -z "$server_bin" || -z "$ceiling_bin" ]]; then
    echo "http-bench: building cache-server and bench_httpceiling (Release)..." >&2
    scripts/build.sh release --target cache-server bench_httpceiling >/dev/null
    server_bin=${server_bin:-build/release/server/cache-server}
    ceiling_bin=${ceiling_bin:-build/release/bench/bench_httpceiling}
fi
for bin in "$server_bin" "$ceiling_bin"; do
    [[ -x "$bin" ]] || { echo "http-bench: no executable at $bin" >&2; exit 1; }
done

work=$(mktemp -d /tmp/qrc-http-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_http() { # url
    local i
    for i in $(seq 1 100); do
        curl -fs -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "http-bench: nothing answers at $1" >&2
    return 1
}

# --- redis-server -------------------------------------------------------------------------
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    >"$work/redis.log" 2>&1 &
pids+=($!)
for i in $(seq 1 50); do
    redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
done

# --- cache-server instances ---------------------------------------------------------------
# name -> port; all started up front, each idle while another one is measured.
declare -A server_port
start_server() { # name, extra args...
    local name=$1
    shift
    local port
    port=$(free_port)
    REDIS_PORT=$redis_port "$server_bin" --host 127.0.0.1 --port "$port" --redis-host 127.0.0.1 \
        --demo-latency-ms 0 --log-level warning "$@" >"$work/$name.log" 2>&1 &
    pids+=($!)
    server_port[$name]=$port
    wait_http "http://127.0.0.1:$port/healthz"
}
start_server memory-limiter-on --no-redis --rate-limit "$never_reject"
start_server memory-limiter-off --no-redis --rate-limit none
start_server redis-limiter-on --redis-port "$redis_port" --rate-limit "$never_reject"
start_server redis-limiter-off --redis-port "$redis_port" --rate-limit none
# The Redis-backed servers must really be on Redis, not on their memory fallback.
for name in redis-limiter-on redis-limiter-off; do
    for i in $(seq 1 50); do
        grep -q 'backend: redis' "$work/$name.log" && break
        sleep 0.1
    done
    grep -q 'backend: redis' "$work/$name.log" || {
        echo "http-bench: $name is not using Redis:" >&2
        cat "$work/$name.log" >&2
        exit 1
    }
done

# --- nginx with the same bytes ------------------------------------------------------------
mkdir -p "$work/www" "$work/nginx-tmp"
any=${server_port[memory-limiter-off]}
curl -fs -o "$work/www/item1.json" "http://127.0.0.1:$any/items/1"
curl -fs -o "$work/www/items.json" "http://127.0.0.1:$any/items"
chmod 644 "$work/www/"*
chmod -R 777 "$work/nginx-tmp"
nginx_port=$(free_port)
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 100000000;
    keepalive_timeout 120s;
    client_body_temp_path $work/nginx-tmp/body;
    proxy_temp_path $work/nginx-tmp/proxy;
    fastcgi_temp_path $work/nginx-tmp/fastcgi;
    uwsgi_temp_path $work/nginx-tmp/uwsgi;
    scgi_temp_path $work/nginx-tmp/scgi;
    default_type application/json;
    types { }
    server {
        listen 127.0.0.1:$nginx_port;
        location = /items/1 { alias $work/www/item1.json; }
        location = /items { alias $work/www/items.json; }
    }
}
EOF
nginx -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" &
pids+=($!)
wait_http "http://127.0.0.1:$nginx_port/items/1"
cmp -s <(curl -fs "http://127.0.0.1:$nginx_port/items") "$work/www/items.json" || {
    echo "http-bench: nginx does not serve the same bytes" >&2
    exit 1
}

ceiling_port=$(free_port)
"$ceiling_bin" --port "$ceiling_port" --item "$work/www/item1.json" --items "$work/www/items.json" \
    >"$work/ceiling.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$ceiling_port/items/1"

# --- measuring ----------------------------------------------------------------------------
# Prints "rps p50_ms p99_ms errors" for one wrk run.
wrk_script=()
[[ -n "${PIPELINE:-}" ]] && wrk_script=(-s bench/pipeline.lua)
run_wrk() { # url
    wrk -t1 -c"$connections" -d"$duration" --latency "${wrk_script[@]}" "$1" | awk '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
            return v + 0
        }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /Socket errors:/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
        /Non-2xx or 3xx responses:/ { errors += $5 }
        /^Requests\/sec:/ { rps = $2 }
        END { printf "%.0f %.3f %.3f %d\n", rps, p50, p99, errors }'
}

# A HIT before and after every run: the entry is fresh and the run measured the cache.
check_hit() { # url
    local header
    header=$(curl -fs -D - -o /dev/null "$1" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" { print $2 }')
    [[ "$header" == "HIT" ]] || {
        curl -fs -o /dev/null "$1"
        header=$(curl -fs -D - -o /dev/null "$1" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" { print $2 }')
    }
    [[ "$header" == "HIT" ]] || { echo "http-bench: $1 is not a HIT (X-Cache: $header)" >&2; return 1; }
}

routes=(/items/1 /items)
cases=(memory-limiter-on memory-limiter-off redis-limiter-on redis-limiter-off)
declare -A samples # "<case>|<route>" -> lines of "rps p50 p99 errors ratio"

# The ratio of a run is taken against the nginx run of the same round, minutes apart at most:
# on a shared machine the speed drifts between rounds, and pairing cancels most of the drift.
with_ratio() { # reference_rps, then reads "rps p50 p99 errors"
    awk -v ref="$1" '{ printf "%s %s %s %s %.4f\n", $1, $2, $3, $4, (ref > 0 ? $1 / ref : 0) }'
}

for ((r = 1; r <= repeat; r++)); do
    for route in "${routes[@]}"; do
        echo "http-bench: round $r/$repeat nginx $route" >&2
        reference=$(run_wrk "http://127.0.0.1:$nginx_port$route")
        samples["nginx|$route"]+="$(with_ratio "${reference%% *}" <<<"$reference")"$'\n'
        echo "http-bench: round $r/$repeat bare QHttpServer $route" >&2
        samples["ceiling|$route"]+="$(run_wrk "http://127.0.0.1:$ceiling_port$route" |
            with_ratio "${reference%% *}")"$'\n'
        for c in "${cases[@]}"; do
            url="http://127.0.0.1:${server_port[$c]}$route"
            check_hit "$url"
            echo "http-bench: round $r/$repeat $c $route" >&2
            samples["$c|$route"]+="$(run_wrk "$url" | with_ratio "${reference%% *}")"$'\n'
            check_hit "$url"
        done
    done
done

# Median of column $2 (1-based) over the samples of one key; errors are summed instead.
median_of() { # key column
    printf '%s' "${samples[$1]}" | awk -v c="$2" 'NF { print $c }' | sort -g |
        awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
sum_of() { # key column
    printf '%s' "${samples[$1]}" | awk -v c="$2" 'NF { s += $c } END { print s + 0 }'
}

table="| case | route | req/s (median) | nginx req/s | ratio | target | p50 ms | p99 ms | errors | status |
|---|---|---:|---:|---:|---|---:|---:|---:|---|"
results=""
for route in "${routes[@]}"; do
    nginx_rps=$(median_of "nginx|$route" 1)
    nginx_p50=$(median_of "nginx|$route" 2)
    nginx_p99=$(median_of "nginx|$route" 3)
    nginx_err=$(sum_of "nginx|$route" 4)
    table+=$'\n'"| nginx (reference) | GET $route | $nginx_rps | - | - | - | $nginx_p50 | $nginx_p99 | $nginx_err | - |"
    ceiling_rps=$(median_of "ceiling|$route" 1)
    ceiling_ratio=$(median_of "ceiling|$route" 5 | awk '{ printf "%.3f", $1 }')
    table+=$'\n'"| bare QHttpServer route, fixed bytes | GET $route | $ceiling_rps | $nginx_rps | $ceiling_ratio | - | $(median_of "ceiling|$route" 2) | $(median_of "ceiling|$route" 3) | $(sum_of "ceiling|$route" 4) | info |"
    results+="RESULT"$'\t'"http"$'\t'"bare QHttpServer route GET $route"$'\t'"$ceiling_rps"$'\t'"req/s"$'\t'"nginx, same bytes"$'\t'"$nginx_rps"$'\t'"$ceiling_ratio"$'\t'"-"$'\t'"info"$'\n'
    for c in "${cases[@]}"; do
        key="$c|$route"
        rps=$(median_of "$key" 1)
        p50=$(median_of "$key" 2)
        p99=$(median_of "$key" 3)
        errors=$(sum_of "$key" 4)
        min_ratio=1.0
        [[ "$c" == redis-* ]] && min_ratio=0.8
        ratio=$(median_of "$key" 5 | awk '{ printf "%.3f", $1 }')
        missed=()
        awk -v r="$ratio" -v m="$min_ratio" 'BEGIN { exit !(r + 0 < m + 0) }' && missed+=(ratio)
        awk -v p="$p99" 'BEGIN { exit !(p + 0 >= 2) }' && missed+=(p99)
        [[ "$errors" != 0 ]] && missed+=(errors)
        status=met
        [[ ${#missed[@]} -gt 0 ]] && status="MISSED (${missed[*]})"
        target=">= $min_ratio, p99 < 2 ms, 0 errors"
        label="${c/-limiter-/ HIT, limiter }"
        table+=$'\n'"| $label | GET $route | $rps | $nginx_rps | $ratio | $target | $p50 | $p99 | $errors | $status |"
        results+="RESULT"$'\t'"http"$'\t'"$label GET $route (p50 $p50 ms, p99 $p99 ms, $errors errors)"$'\t'"$rps"$'\t'"req/s"$'\t'"nginx, same bytes"$'\t'"$nginx_rps"$'\t'"$ratio"$'\t'"$target"$'\t'"$status"$'\n'
    done
done

echo
echo "== http: wrk -t1 -c$connections -d$duration --latency${PIPELINE:+, pipeline depth $PIPELINE}, median of $repeat runs, $(nproc) cores"
echo "$table"
printf '%s' "$results"
[[ -n "${RESULTS_MD:-}" ]] && printf '%s\n' "$table" >"$RESULTS_MD"
exit 0
}
