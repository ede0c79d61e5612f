#!/usr/bin/env bash
# Configures (first time) and builds a CMake preset incrementally.
# Usage: scripts/build.sh [preset] [cmake --build args...]   (preset defaults to "release")
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
shift || true
if [[ ! -f "build/$preset/CMakeCache.txt" ]]; then
    cmake --preset "$preset" >/dev/null
fi
cmake --build --preset "$preset" --parallel "$(nproc)" "$@"
