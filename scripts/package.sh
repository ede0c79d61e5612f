#!/usr/bin/env bash
# Builds the Debian packages (CPack, "package" preset: Release, installs to /usr) into
# build/package/: qt-redis-cache-server, qt-redis-cache-console and libqt-redis-cache-dev.
# Install them with: apt-get install ./build/package/*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --package
scripts/build.sh package >&2
(cd build/package && cpack -G DEB >&2)
ls -1 build/package/*.deb
