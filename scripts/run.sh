#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs cache-server on
# http://127.0.0.1:8000. It uses Redis at localhost:6379 when one answers and the
# in-memory backend otherwise (it keeps retrying Redis in the background).
# Extra arguments go to cache-server (see `scripts/run.sh --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release --target cache-server >/dev/null
exec build/release/server/cache-server "$@"
