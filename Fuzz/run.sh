#!/usr/bin/env bash
# Builds authflow's libFuzzer targets and runs each one with a corpus.
#
#   Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     default: 60 seconds, every target
#   FUZZ_JOBS=1 FUZZ_ARGS="-max_len=65536" Fuzz/run.sh 600 json
#
# The FlowEngine parser sources are compiled with `swiftc -sanitize=fuzzer`, without the
# transport files (nothing that imports NIO or AsyncHTTPClient). swift-crypto comes from the
# package's own debug build (`swift build` first; this script builds the Crypto targets when they
# are missing). Corpora grow in .build/fuzz/corpus/<target>, seeded from Fuzz/seeds/<target> and
# ../shared/vectors (the repository's sibling folder, when present). A crash leaves its input in
# .build/fuzz/artifacts/ and makes the script exit 1. See docs/fuzzing.md.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
all_targets=(json jwt setcookie callback jwk sanitizer)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
out=.build/fuzz
vectors=../shared/vectors
nice_level=${FUZZ_NICE:-10}

bin=$(swift build --show-bin-path)
# swift-crypto and what it links: its C parts, SwiftASN1 and swift-numerics.
crypto_modules=(CCryptoBoringSSL CCryptoBoringSSLShims CryptoBoringWrapper Crypto CXKCP CXKCPShims CryptoExtras
    _CryptoExtras SwiftASN1 RealModule _NumericsShims)
if [ ! -f "$bin/Modules/_CryptoExtras.swiftmodule" ]; then
    echo "fuzz: building swift-crypto (once)" >&2
    nice -n "$nice_level" swift build --target _CryptoExtras >&2
fi
crypto_objects=()
for module in "${crypto_modules[@]}"; do
    [ -d "$bin/$module.build" ] || continue
    while IFS= read -r object; do crypto_objects+=("$object"); done < <(find "$bin/$module.build" -name '*.o' | sort)
done

mkdir -p "$out/artifacts"
# The parsers: every engine source but the transport, the loopback listener and the JWKS fetcher.
mapfile -t engine_sources < <(find Sources/FlowEngine -name '*.swift' \
    ! -name LiveTransport.swift ! -name CallbackListener.swift ! -name JWKSSource.swift | sort)
# The C modules those Swift modules import, as SwiftPM finds them: their include folders.
c_includes=()
while IFS= read -r map; do c_includes+=(-Xcc -I -Xcc "$(dirname "$map")"); done < <(
    find .build/checkouts/swift-crypto/Sources .build/checkouts/swift-numerics/Sources \
        -path '*/include/module.modulemap' 2>/dev/null | sort)
# $out comes first: the package's own FlowEngine module (with the transport) is in $bin/Modules.
swift_flags=(-O -sanitize=fuzzer -enable-testing -I "$out" -I "$bin/Modules" "${c_includes[@]}" -swift-version 6)

stamp="$out/FlowEngine.stamp"
if [ ! -f "$stamp" ] || [ -n "$(find Sources/FlowEngine -name '*.swift' -newer "$stamp" | head -1)" ]; then
    echo "fuzz: compiling ${#engine_sources[@]} FlowEngine sources" >&2
    nice -n "$nice_level" swiftc "${swift_flags[@]}" -parse-as-library -module-name FlowEngine \
        -emit-module -emit-module-path "$out/FlowEngine.swiftmodule" \
        -emit-library -static -o "$out/libFlowEngine.a" "${engine_sources[@]}"
    touch "$stamp"
fi

for target in "${targets[@]}"; do
    source=Fuzz/Targets/$target.swift
    [ -f "$source" ] || { echo "fuzz: no target $target (have: ${all_targets[*]})" >&2; exit 64; }
    binary="$out/fuzz-$target"
    if [ ! -x "$binary" ] || [ "$source" -nt "$binary" ] || [ "$out/libFlowEngine.a" -nt "$binary" ] \
        || [ Fuzz/Support/Fuzzing.swift -nt "$binary" ]; then
        echo "fuzz: linking $target" >&2
        nice -n "$nice_level" swiftc "${swift_flags[@]}" -parse-as-library -module-name "fuzz_$target" \
            "$source" Fuzz/Support/Fuzzing.swift "$out/libFlowEngine.a" "${crypto_objects[@]}" -o "$binary"
    fi
done

# Seeds: the committed ones, the shared vectors, and the tokens found in the vectors.
seed() {
    local target=$1 corpus="$out/corpus/$1"
    mkdir -p "$corpus"
    cp -n Fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true
    [ -d "$vectors" ] || return 0
    case $target in
        json | jwk | sanitizer) cp -n "$vectors"/* "$corpus"/ 2>/dev/null || true ;;
    esac
    if [ "$target" = jwt ] || [ "$target" = sanitizer ]; then
        local count=0
        while IFS= read -r token; do
            count=$((count + 1))
            printf '%s' "$token" >"$corpus/vector-token-$count"
        done < <(grep -ohE 'eyJ[A-Za-z0-9_.-]+' "$vectors"/*.json | sort -u)
    fi
}

# Let libFuzzer's signal handler save the input of a Swift trap, not the Swift backtracer.
export SWIFT_BACKTRACE=enable=no
status=0
summary=()
total=0
for target in "${targets[@]}"; do
    seed "$target"
    log="$out/$target.log"
    echo "fuzz: running $target for $seconds s" >&2
    if nice -n "$nice_level" "$out/fuzz-$target" -max_total_time="$seconds" -print_final_stats=1 \
        -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$out/artifacts/$target-" ${FUZZ_ARGS:-} \
        "$out/corpus/$target" >"$log" 2>&1; then
        result=ok
    else
        result="FAILED (see $log and $out/artifacts/)"
        status=1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    runs=${runs:-0}
    total=$((total + runs))
    summary+=("$(printf '%-10s %12s executions  %s' "$target" "$runs" "$result")")
done
printf '%s\n' "${summary[@]}"
printf '%-10s %12s executions\n' total "$total"
exit $status
