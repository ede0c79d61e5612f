#!/usr/bin/env bash
# Configures (when needed) and builds a CMake preset incrementally.
# Usage: scripts/build.sh [preset] [cmake --build args...]   (preset defaults to "release")
#
# A configure that failed or was interrupted leaves a CMakeCache.txt behind but no build
# system, so the presence of the cache proves nothing. A successful configure writes a stamp;
# without the stamp (or without the generated Makefile) we configure again, and if that
# fails on top of an old cache (moved checkout, changed compiler, packages installed since)
# we configure once more from an empty cache before giving up.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
shift || true
dir="build/$preset"
stamp="$dir/.configured"

configure() {
    rm -f "$stamp"
    cmake --preset "$preset" >"$dir.configure.log" 2>&1
}

# A tree configured for another checkout (moved or copied) is stale as well, and so is one
# older than a build file: make knows no rule for a target added since the last configure.
fresh() {
    [[ -f "$stamp" && -f "$dir/Makefile" ]] &&
        grep -qxF "CMAKE_HOME_DIRECTORY:INTERNAL=$PWD" "$dir/CMakeCache.txt" &&
        [[ -z "$(find . -path ./build -prune -o \( -name CMakeLists.txt -o -name '*.cmake' \
            -o -name CMakePresets.json \) -newer "$stamp" -print -quit)" ]]
}

if ! fresh; then
    mkdir -p build
    had_cache=false
    [[ -f "$dir/CMakeCache.txt" ]] && had_cache=true
    if ! configure; then
        if $had_cache; then
            echo "configure of '$preset' failed; retrying from an empty cache" >&2
            rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
        fi
        if ! $had_cache || ! configure; then
            cat "$dir.configure.log" >&2
            echo "error: configuring preset '$preset' failed (log: $dir.configure.log)." >&2
            echo "       Missing packages? Run scripts/install-deps.sh, then this command again." >&2
            exit 1
        fi
    fi
    touch "$stamp"
fi
cmake --build --preset "$preset" --parallel "$(nproc)" "$@"
