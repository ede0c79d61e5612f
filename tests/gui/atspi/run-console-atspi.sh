#!/usr/bin/env bash
# Runs console_atspi.py, the black-box test of cache-console through the accessibility bus, in
# a private X server (Xvfb at 1366x768), a private D-Bus session and its own AT-SPI bus.
# Every process started here is stopped on exit, and every wait is bounded.
# Usage: run-console-atspi.sh <cache-console> <cache-server> [artifact dir]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [[ "${1:-}" == --inside-session ]]; then
    # Second stage, inside dbus-run-session: the AT-SPI bus, then the test.
    shift
    launcher_pid=""
    # shellcheck disable=SC2317  # called by the trap
    stop_launcher() {
        [[ -n "$launcher_pid" ]] || return 0
        kill "$launcher_pid" 2>/dev/null || true
        wait "$launcher_pid" 2>/dev/null || true
    }
    trap stop_launcher EXIT
    # --launch-immediately: the accessibility bus exists before Qt asks for it, instead of
    # being activated behind our back by the session bus (and left running).
    /usr/libexec/at-spi-bus-launcher --launch-immediately 2>"$ATSPI_WORKDIR/at-spi-bus.log" &
    launcher_pid=$!
    # Asks the bus daemon, not org.a11y.Bus itself: a call to the name would activate a second
    # launcher while ours is still starting.
    bus_owned() {
        dbus-send --session --print-reply --reply-timeout=1000 --dest=org.freedesktop.DBus \
            /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.a11y.Bus \
            2>/dev/null | grep -q 'boolean true'
    }
    for _ in $(seq 1 100); do
        bus_owned && break
        kill -0 "$launcher_pid" 2>/dev/null || break
        sleep 0.1
    done
    bus_owned ||
        { echo "error: the AT-SPI bus did not start (see $ATSPI_WORKDIR/at-spi-bus.log)" >&2; exit 1; }
    status=0
    timeout -k 5 "${QRC_ATSPI_TIMEOUT:-75}" /usr/bin/python3 "$here/console_atspi.py" "$@" || status=$?
    [[ $status -eq 124 ]] && echo "error: console_atspi.py timed out" >&2
    exit $status
fi

[[ $# -ge 2 ]] || { echo "usage: $0 <cache-console> <cache-server> [artifact dir]" >&2; exit 2; }

# A missing tool fails the test and names its Debian package (scripts/install-deps.sh has them).
missing=()
need() { [[ -x "$1" ]] || command -v "$1" >/dev/null 2>&1 || missing+=("$2 (for $1)"); }
need Xvfb xvfb
need dbus-run-session dbus-daemon
need dbus-send dbus-bin
need /usr/libexec/at-spi-bus-launcher at-spi2-core
need /usr/bin/python3 python3
need xwininfo x11-utils
need redis-server redis-server
need redis-cli redis-tools
if [[ -x /usr/bin/python3 ]] && ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then
    missing+=("python3-pyatspi (for 'import pyatspi' in /usr/bin/python3)")
fi
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "error: the AT-SPI test needs these Debian packages (scripts/install-deps.sh installs them):" >&2
    printf '  %s\n' "${missing[@]}" >&2
    exit 1
fi

workdir=$(mktemp -d /tmp/qrc-atspi.XXXXXX)
export ATSPI_WORKDIR="$workdir"
xvfb_pid=""
cleanup() {
    if [[ -n "$xvfb_pid" ]]; then
        kill "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT

# -displayfd: Xvfb picks a free display itself and writes its number once it accepts clients.
Xvfb -displayfd 9 -screen 0 1366x768x24 -nolisten tcp -noreset \
    9>"$workdir/display" 2>"$workdir/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 1 100); do
    [[ -s "$workdir/display" ]] && break
    kill -0 "$xvfb_pid" 2>/dev/null || break
    sleep 0.1
done
[[ -s "$workdir/display" ]] || { echo "error: Xvfb did not start:" >&2; cat "$workdir/xvfb.log" >&2; exit 1; }
display=$(tr -d '\n' <"$workdir/display")
export DISPLAY=":$display"
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS

timeout -k 5 "${QRC_ATSPI_SESSION_TIMEOUT:-85}" dbus-run-session -- "$0" --inside-session "$@"
