#!/usr/bin/env bash
# Runs a command in a clone of this checkout's committed HEAD inside a brand-new Debian 12
# root: nothing installed but the base system, apt and git, so every package the project
# needs must come from its own scripts. This is what "works on a fresh machine" means; a
# green run on a used machine can hide a missing install step.
#
# Usage (as root): scripts/fresh-root.sh [command]     (default: scripts/test.sh)
# Env: QRC_FRESH_CACHE  where the pristine root is cached (default /var/cache/qrc-fresh-root);
#                       only the pristine base system is cached, never installed packages.
#      QRC_FRESH_TIMEOUT  minutes the command may run (default 25).
set -euo pipefail
top=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
cmd="${1:-scripts/test.sh}"
cache="${QRC_FRESH_CACHE:-/var/cache/qrc-fresh-root}"
pristine="$cache/bookworm.tar"
minutes="${QRC_FRESH_TIMEOUT:-25}"

[[ $(id -u) -eq 0 ]] || { echo "fresh-root: needs root (mounts and chroot)" >&2; exit 2; }
if ! command -v mmdebstrap >/dev/null; then
    echo "fresh-root: installing mmdebstrap" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null 2>&1 ||
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null; }
fi

if [[ ! -s "$pristine" ]]; then
    mkdir -p "$cache"
    # The machine's own Debian mirror, if it names one; mmdebstrap's default otherwise.
    mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    echo "fresh-root: building a pristine Debian 12 root (cached in $cache)" >&2
    mmdebstrap --quiet --variant=apt --include=ca-certificates,git bookworm "$cache/partial.tar" \
        ${mirror:+"$mirror"}
    mv "$cache/partial.tar" "$pristine"
fi

root=$(mktemp -d /tmp/qrc-fresh-root.XXXXXX)
mounted() { findmnt -rn -o TARGET | grep -q "^$root/"; }
cleanup() {
    local status=$?
    # Processes left inside the root (a daemon a package started, a server of the command).
    local p
    for p in /proc/[0-9]*; do
        [[ "$(readlink "$p/root" 2>/dev/null)" == "$root" ]] && kill -9 "${p#/proc/}" 2>/dev/null
    done
    for m in dev sys proc; do umount -R -l "$root/$m" 2>/dev/null || true; done
    # Never delete through a mount that is still attached: that would reach the host's /dev.
    if mounted; then
        echo "fresh-root: mounts under $root are still attached; left it in place" >&2
    else
        rm -rf --one-file-system "$root"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tar -xf "$pristine" -C "$root"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# The site's own certificate authorities (a TLS-intercepting proxy, a company CA) belong to the
# network, not to the project: a new machine on the same network trusts them too. Without
# them npm cannot reach its registry from the root here.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null 2>&1 || true
fi
# As in any chroot: packages must not start their services (redis-server's would take port
# 6379 of the host and outlive the root).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"

git clone -q "$top" "$root/work/project"
[[ -d "$top/../shared" ]] && cp -r "$top/../shared" "$root/work/shared"
[[ -z "$(git -C "$top" status --porcelain)" ]] ||
    echo "fresh-root: note: uncommitted changes are not in the clone" >&2
echo "fresh-root: Debian 12 root, clone of $(git -C "$top" rev-parse --short HEAD): $cmd" >&2
# In the background and waited for: bash runs a signal's trap only after a foreground child
# ends, so SIGTERM to this script would otherwise wait for the whole run.
timeout --kill-after=30 "${minutes}m" chroot "$root" /usr/bin/env -i HOME=/root \
    PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 CI="${CI:-}" QRC_FRESH_ROOT=1 \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    bash -c "cd /work/project && $cmd" &
wait $!
