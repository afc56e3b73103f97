#!/usr/bin/env bash
# Sets up and runs every authflow test: engine, simulator, TUI, curses, and the real binary in tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
