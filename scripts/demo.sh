#!/usr/bin/env bash
# Sets up, builds and opens the authflow terminal UI against the built-in PingOne simulator.
# Extra arguments go to authflow, e.g. `bash scripts/demo.sh --demo-app spa`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# A release build: a debug build answers keys in 15-30 ms on a busy 2-core machine, over the
# 16 ms a frame has. The Swift runtime is linked in statically: the session then takes about 4 MB
# less memory and starts faster (docs/performance.md); its crash backtracer goes beside it.
swift build -c release --static-swift-stdlib --product authflow >&2
bash scripts/place-backtracer.sh .build/release
exec .build/release/authflow demo "$@"
