#!/usr/bin/env bash
# Sets up and runs every authflow test: engine, simulator, inspector, TUI, curses, the real binary
# in tmux, and the generic-provider path against oidc-provider-mock on loopback; then checks the
# formatting (`swift format lint`, with the repository's .swift-format).
#
# The tests that drive the real binary (authflowTests: tmux, run, decode, the second provider) run
# in a process of their own, after the in-process ones: Swift's cooperative pool has one thread per
# core, and the CPU-bound tests of the other targets would otherwise hold it while a screen is read.
# Then the benchmark runs in its smoke mode (a few iterations; it must complete, its figures are not
# checked). Arguments (for example `--filter Cookie`) run one `swift test` with them instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/oidc-provider-setup.sh
bash scripts/har-reader-setup.sh
swift build --build-tests
if (($#)); then
    swift test --skip-build "$@"
else
    swift test --skip-build --skip authflowTests
    swift test --skip-build --filter authflowTests
    # The benchmark (Benchmarks/run.sh) in its smoke mode: it must complete; its figures are not checked.
    bash Benchmarks/run.sh --smoke
fi
swift format lint --strict --recursive Sources Tests Benchmarks Package.swift
