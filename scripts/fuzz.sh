#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (preset "fuzz": clang, ASan + UBSan) and runs each
# for the given seconds over its seed corpus (tests/fuzz/corpus/<target>, only read; what the
# fuzzer adds goes to build/fuzz/scratch/<target>).
#
# Usage: scripts/fuzz.sh [seconds] [target...]     (default: 60 s each, every target)
#   FUZZ_JOBS=2 runs two targets at a time. Runs under `nice -n 15`.
# Exits non-zero when a target finds a crash, a leak, a violated property, a timeout (5 s per
# input) or an out-of-memory (2 GB); the input is kept in build/fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
jobs="${FUZZ_JOBS:-1}"

scripts/install-deps.sh --fuzz
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    for f in tests/fuzz/fuzz_*.cpp; do
        name=$(basename "$f" .cpp)
        targets+=("${name#fuzz_}")
    done
fi
scripts/build.sh fuzz --target "${targets[@]/#/fuzz_}" >/dev/null

findings=build/fuzz/findings
logs=build/fuzz/logs
mkdir -p "$findings" "$logs"

run() {
    local t="$1"
    mkdir -p "build/fuzz/scratch/$t"
    nice -n 15 env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "build/fuzz/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$findings/$t-" \
        "build/fuzz/scratch/$t" "tests/fuzz/corpus/$t" >"$logs/$t.log" 2>&1
}

summary() {
    local t="$1" rc="$2" execs corpus
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$t.log" | grep -o '[0-9]*$' || true)
    corpus=$(find "build/fuzz/scratch/$t" "tests/fuzz/corpus/$t" -type f | wc -l)
    if [[ "$rc" == 0 ]]; then
        printf '%-18s clean      %12s executions  %6s inputs in corpus\n' "$t" "${execs:-?}" "$corpus"
    else
        printf '%-18s FINDING    %s\n' "$t" "$(grep -m1 -E 'ERROR|property violated' "$logs/$t.log")"
        grep -m1 'Test unit written to' "$logs/$t.log" || true
    fi
}

declare -A pids
failed=0
for t in "${targets[@]}"; do
    while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do
        wait -n || true
    done
    run "$t" &
    pids[$t]=$!
done
for t in "${targets[@]}"; do
    rc=0
    wait "${pids[$t]}" || rc=$?
    summary "$t" "$rc"
    [[ "$rc" == 0 ]] || failed=1
done
echo "logs: $logs/<target>.log"
exit "$failed"
