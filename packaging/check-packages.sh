#!/usr/bin/env bash
# Builds the Debian packages, installs them, checks that what they install works (binaries,
# the packaged configuration, the unit and desktop files), purges them and checks that
# nothing of theirs is left. Meant for a throw-away root: CI runs it inside the fresh Debian
# root of scripts/fresh-root.sh; by hand: scripts/fresh-root.sh packaging/check-packages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) -eq 0 ]] || { echo "check-packages: needs root (dpkg)" >&2; exit 2; }
export DEBIAN_FRONTEND=noninteractive

debs=$(scripts/package.sh)
ours() { # every path on the system that names one of our packages or programs
    find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path "$PWD" \) \
        -prune -o -print 2>/dev/null | grep -E 'qt-redis-cache|cache-server|cache-console' |
        grep -v '^/var/lib/dpkg/\|^/var/cache/apt/\|^/var/log/' || true
}
[[ -z "$(ours)" ]] || { echo "check-packages: files of ours before installing:" >&2; ours >&2; exit 1; }

# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $(sed 's|^|./|' <<<"$debs") >/dev/null
cache-server --version
env -u DISPLAY -u QT_QPA_PLATFORM cache-console --version
port=$((20000 + RANDOM % 40000))
cache-server --config /etc/qt-redis-cache/cache-server.ini --port "$port" --no-redis >/dev/null 2>&1 &
server=$!
status=""
for _ in $(seq 1 50); do
    if exec 3<>"/dev/tcp/127.0.0.1/$port"; then
        printf 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3
        IFS= read -r -t 5 status <&3 || true
        exec 3<&- 3>&-
        break
    fi 2>/dev/null
    sleep 0.2
done
kill "$server"; wait "$server" 2>/dev/null || true
[[ "${status%$'\r'}" == "HTTP/1.1 200 OK" ]] ||
    { echo "check-packages: installed cache-server did not answer /healthz" >&2; exit 1; }
echo "check-packages: installed cache-server with the packaged configuration serves /healthz"
man -w cache-server >/dev/null 2>&1 || [[ -f /usr/share/man/man1/cache-server.1.gz ]]
[[ -f /usr/share/man/man1/cache-console.1.gz && -f /lib/systemd/system/cache-server.service ]]
for size in 16 22 24 32 48 64 128 256; do
    [[ -s /usr/share/icons/hicolor/${size}x${size}/apps/cache-console.png ]] ||
        { echo "check-packages: no ${size}x${size} PNG icon" >&2; exit 1; }
done
[[ -f /usr/include/qt-redis-cache/cachemanager.h ]] &&
    ls /usr/lib/*/cmake/QtRedisCache/QtRedisCacheConfig.cmake >/dev/null

names=$(for deb in $debs; do dpkg-deb -f "$deb" Package; done)
# shellcheck disable=SC2086
apt-get purge -y -qq $names >/dev/null
left=$(ours)
[[ -z "$left" ]] || { echo "check-packages: left after purge:" >&2; echo "$left" >&2; exit 1; }
echo "check-packages: $(wc -w <<<"$debs") packages installed, ran and purged without a trace"
