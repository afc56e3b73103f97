#!/usr/bin/env bash
# Sets up, builds and opens the authflow terminal UI against the built-in PingOne simulator.
# Extra arguments go to authflow, e.g. `bash scripts/demo.sh --demo-app spa`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --product authflow >&2
exec .build/debug/authflow demo "$@"
