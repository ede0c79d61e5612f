#!/usr/bin/env bash
# Instructions and heap allocations per request of cache-server answering one cached route
# (a memory HIT) under wrk, measured with callgrind: deterministic where wall-clock ratios on
# this machine move by ±0.07, and what the "no speed lost" work of issue 15 was steered by.
#
# Usage: bench/http-callgrind.sh [path] [limiter]   (path: /items/1; limiter: on or off)
# Env:   CACHE_SERVER=...  this binary instead of build/release/server/cache-server
#        SECONDS_MEASURED=6  how long wrk runs while callgrind collects (after a 2 s warm-up)
#        KEEP=dir           keep callgrind's output there (for callgrind_annotate)
#
# The server runs under valgrind with instrumentation off; wrk (-t1 -c16) warms it up, then
# instrumentation is switched on for one bounded wrk run and off again. Instructions (Ir) and
# the calls into malloc/calloc/realloc in that window are divided by the requests wrk counted.
# Loopback only; every process started here is stopped on exit.
set -euo pipefail
{
cd "$(dirname "$0")/.."
path=${1:-/items/1}
limiter=${2:-on}
measured=${SECONDS_MEASURED:-6}
for tool in valgrind callgrind_control wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "http-callgrind: $tool is missing" >&2; exit 1; }
done
server_bin=${CACHE_SERVER:-}
if [[ -z "$server_bin" ]]; then
    scripts/build.sh release --target cache-server >/dev/null
    server_bin=build/release/server/cache-server
fi
rate_limit=1000000/second # the limiter on, never refusing
[[ "$limiter" == off ]] && rate_limit=none

work=$(mktemp -d /tmp/qrc-http-callgrind.XXXXXX)
vpid=
cleanup() {
    if [[ -n "$vpid" ]]; then
        kill "$vpid" 2>/dev/null || true
        wait "$vpid" 2>/dev/null || true
    fi
    if [[ -n "${KEEP:-}" ]]; then
        mkdir -p "$KEEP"
        cp "$work"/callgrind.out* "$KEEP"/ 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/callgrind.out" \
    "$server_bin" --host 127.0.0.1 --port "$port" --no-redis --demo-latency-ms 0 \
    --log-level warning --rate-limit "$rate_limit" >"$work/server.log" 2>&1 &
vpid=$!
url="http://127.0.0.1:$port$path"
for _ in $(seq 1 300); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
    sleep 0.1
done
curl -fs -o /dev/null "$url"
curl -fs -D - -o /dev/null "$url" | tr -d '\r' | grep -qi '^x-cache: HIT' || {
    echo "http-callgrind: $url is not a HIT" >&2
    exit 1
}
wrk -t1 -c16 -d2s "$url" >/dev/null
callgrind_control -i on "$vpid" >/dev/null 2>&1
requests=$(wrk -t1 -c16 -d"${measured}s" "$url" | awk '/requests in/ { print $1 }')
callgrind_control -i off "$vpid" >/dev/null 2>&1
callgrind_control -d "$vpid" >/dev/null 2>&1
sleep 0.5
python3 - "$work/callgrind.out.1" "$requests" "$path" "$limiter" <<'EOF'
import re, sys
names, ir, allocs, callee, after_calls = {}, 0, 0, None, False
allocators = {"malloc", "calloc", "realloc"}
ref = re.compile(r"^\((\d+)\)(?: (.*))?$")
def name(v):
    m = ref.match(v)
    if not m:
        return v
    if m.group(2) is not None:
        names[m.group(1)] = m.group(2)
    return names.get(m.group(1), "?")
for line in open(sys.argv[1], errors="replace"):
    if line[:1].isdigit() or line[:1] in "+-*":
        if after_calls:  # the inclusive cost of a call, already counted in the callee
            after_calls = False
        elif len(line.split()) >= 2:
            ir += int(line.split()[1])
    elif line.startswith(("fn=", "cfn=")):
        n = name(line.split("=", 1)[1].strip())
        if line.startswith("cfn="):
            callee = n
    elif line.startswith("calls="):
        after_calls = True
        if callee in allocators:
            allocs += int(line[6:].split()[0])
requests = int(sys.argv[2])
print(f"{sys.argv[3]} limiter {sys.argv[4]}: {requests} requests, "
      f"{ir / requests:.0f} Ir and {allocs / requests:.2f} allocations per request")
EOF
}
