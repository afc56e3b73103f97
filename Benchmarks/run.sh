#!/usr/bin/env bash
# authflow's benchmark, in one run (figures and targets in docs/performance.md):
#   1. the AuthflowBenchmarks target (ordo-one/benchmark, release): render p50/p99 at 80x24, 120x40
#      and 200x60 with a 1 MB body in the focused Response pane, a scroll key through it
#      (update + render), and receiving that body;
#   2. Benchmarks/process/measure.py on the release binary: start to first frame and keystroke to
#      frame of `authflow demo` in a pseudo-terminal, `authflow decode` of 10,000 RS256 tokens
#      against PyJWT, `authflow run` against a one-process http.client script on the same
#      simulator, and peak RSS of decode, run and a TUI session.
#
# Usage: bash Benchmarks/run.sh            the real run (release builds; several minutes)
#        bash Benchmarks/run.sh --smoke    a few iterations on the debug build: checks that every
#                                          part completes, not its figures (scripts/test.sh runs it)
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=0
if [ "${1:-}" = "--smoke" ]; then smoke=1; fi
bash Benchmarks/python-setup.sh
data=.build/benchmark-data
mkdir -p "$data"

if ((smoke)); then
    swift build --product authflow >&2
    swift build --product AuthflowBenchmarks >&2
    echo "== AuthflowBenchmarks (smoke: debug build, a few iterations) =="
    AUTHFLOW_BENCH_SMOKE=1 .build/debug/AuthflowBenchmarks
    echo "== process measurements (smoke) =="
    .venv-bench/bin/python Benchmarks/process/measure.py --smoke --authflow .build/debug/authflow \
        --python .venv-bench/bin/python --data "$data" >"$data/process-smoke.json"
    .venv-bench/bin/python Benchmarks/process/report.py "$data/process-smoke.json" --no-targets
    echo "benchmark smoke run: completed"
    exit 0
fi

# As scripts/demo.sh and `make install` build it: the Swift runtime linked in statically.
swift build -c release --static-swift-stdlib --product authflow >&2
swift build -c release --static-swift-stdlib --product AuthflowBenchmarks >&2
bash scripts/place-backtracer.sh .build/release
echo "== AuthflowBenchmarks (release) =="
# Run directly: the runner prints each benchmark's percentiles. (`swift package --disable-sandbox
# benchmark` also runs it, with baselines and comparisons, but builds its own release tree.)
.build/release/AuthflowBenchmarks
echo "== process measurements (release binary) =="
.venv-bench/bin/python Benchmarks/process/measure.py --authflow .build/release/authflow \
    --python .venv-bench/bin/python --data "$data" >"$data/process.json"
.venv-bench/bin/python Benchmarks/process/report.py "$data/process.json"
