#!/usr/bin/env bash
# Installs the Debian 12 packages this project needs, skipping those already present.
# Usage: scripts/install-deps.sh [--bench] [--package] [--fuzz] [--openapi]
#   --bench    adds wrk, nginx, curl and python3 for bench/
#   --package  adds dpkg-dev and file (CPack computes Depends with dpkg-shlibdeps)
#   --fuzz     adds clang and libFuzzer's runtime for scripts/fuzz.sh
#   --openapi  adds nodejs and npm: the test app/openapi_validate installs a pinned OpenAPI
#              validator with npm (tests/server/app/openapi/) and is skipped without them
set -euo pipefail

packages=(
    cmake g++ make pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev qt6-svg-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libqt6test6 libgl-dev
    libqt6opengl6-dev
    libhiredis-dev zlib1g-dev
    redis-server redis-sentinel redis-tools openssl
    # tests/gui/atspi: the console under Xvfb, driven through the AT-SPI accessibility bus
    # (pyatspi for Debian's /usr/bin/python3; xwininfo reads window titles, xwd screenshots)
    xvfb xauth dbus-daemon dbus-bin at-spi2-core python3-pyatspi x11-utils x11-apps
)
for extra in "$@"; do
    case "$extra" in
        --bench) packages+=(wrk nginx-light curl python3) ;;
        --package) packages+=(dpkg-dev file) ;;
        --fuzz) packages+=(clang libclang-rt-14-dev) ;;
        --openapi) # a node and npm from elsewhere (NodeSource's nodejs ships npm) will do
            command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm) ;;
        *) echo "install-deps: unknown option $extra" >&2; exit 2 ;;
    esac
done

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing packages: ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
