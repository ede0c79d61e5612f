#!/usr/bin/env bash
# Installs what is missing, builds, and opens the cache-console desktop application.
# Arguments go to cache-console, e.g.: scripts/console.sh --url http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release --target cache-console >/dev/null
exec build/release/gui/cache-console "$@"
