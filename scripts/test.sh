#!/usr/bin/env bash
# Sets up and runs every authflow test: engine, simulator, inspector, TUI, curses, the real binary
# in tmux, and the generic-provider path against oidc-provider-mock on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/oidc-provider-setup.sh
swift build --build-tests
swift test --skip-build "$@"
