#!/usr/bin/env bash
# Takes the console screenshots in docs/images/ at 1366x768, in English and German (and
# Chinese with --zh, which needs a CJK font such as fonts-wqy-microhei), reproducibly: a
# redis-server of its own on a free loopback port, the embedded service (the same assembly
# as cache-server) on it with the sample namespaces, demo traffic for the charts, a clean
# settings directory, and a real X server (Xvfb) so that fonts and styles are what a user sees.
# Usage: scripts/screenshots.sh [--zh] [--size WxH] [output dir]   (default: docs/images)
# --size takes the screen and window at another size (the docs show 1366x768; 1024x680 is the
# smallest the console is checked at).
set -euo pipefail
cd "$(dirname "$0")/.."
langs=(en de)
size=1366x768
while [[ "${1:-}" == --* ]]; do
    case "$1" in
    --zh) langs+=(zh_CN); shift ;;
    --size) size="$2"; shift 2 ;;
    *) echo "screenshots.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
out="${1:-docs/images}"
mkdir -p "$out"
command -v xvfb-run >/dev/null || { echo "screenshots.sh: install xvfb (apt-get install xvfb)" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "screenshots.sh: install redis-server" >&2; exit 1; }
scripts/build.sh release --target cache-console >/dev/null

work="$(mktemp -d)"
redis_pid=""
cleanup() {
    [[ -n "$redis_pid" ]] && kill "$redis_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    >"$work/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
done

for lang in "${langs[@]}"; do
    redis-cli -p "$port" flushall >/dev/null # each run starts from the same sample data
    rm -rf "$work/config"
    # 14 s: the sample keys load, a key is selected, and the charts show some traffic.
    XDG_CONFIG_HOME="$work/config" LANG=C.UTF-8 \
        xvfb-run -a -s "-screen 0 ${size}x24" \
        build/release/gui/cache-console --lang "$lang" --embedded \
        --embedded-redis "127.0.0.1:$port" --demo-traffic --window-size "$size" \
        --screenshot "$out/console-$lang.png" --screenshot-select users/user:1003 \
        --screenshot-delay 14000
    echo "$out/console-$lang.png"
    if [[ "$lang" != zh_CN ]]; then # the raw view: the stored bytes, their form and encoding
        redis-cli -p "$port" flushall >/dev/null
        rm -rf "$work/config"
        XDG_CONFIG_HOME="$work/config" LANG=C.UTF-8 \
            xvfb-run -a -s "-screen 0 ${size}x24" \
            build/release/gui/cache-console --lang "$lang" --embedded \
            --embedded-redis "127.0.0.1:$port" --window-size "$size" \
            --screenshot "$out/console-$lang-raw.png" --screenshot-select users/user:1003 \
            --screenshot-view raw --screenshot-delay 8000
        echo "$out/console-$lang-raw.png"
    fi
done
