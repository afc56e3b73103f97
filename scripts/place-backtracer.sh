#!/usr/bin/env bash
# Puts the toolchain's statically linked crash backtracer beside a release build of authflow.
#
# Release builds link the Swift runtime statically (`--static-swift-stdlib`: less memory, a faster
# start; docs/performance.md). Such a runtime looks for its backtracer, `swift-backtrace`, only
# beside the executable: without it a crash still puts the terminal back, but prints no report.
# `make install` installs it from there into <prefix>/libexec/authflow/.
#
# Usage: bash scripts/place-backtracer.sh DIR   (DIR holds the release binary, e.g. .build/release)
set -euo pipefail
directory=${1:?usage: place-backtracer.sh DIR}
swift=$(readlink -f "$(command -v swift)")
source="$(dirname "$swift")/../libexec/swift/linux/swift-backtrace-static"
if [ -x "$source" ]; then
    if ! cmp -s "$source" "$directory/swift-backtrace"; then
        install -m 755 "$source" "$directory/swift-backtrace"
    fi
else
    echo "place-backtracer: this toolchain has no swift-backtrace-static: crashes of the release build print no backtrace" >&2
fi
