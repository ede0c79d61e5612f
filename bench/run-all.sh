#!/usr/bin/env bash
# Builds and runs every benchmark, then writes one markdown table of all figures.
#
# Usage: bench/run-all.sh [output.md]      (default: build/bench/results.md)
# Env:   QUICK=1    short runs everywhere (a smoke test; figures are noisier)
#        SKIP_HTTP=1  skip bench/http-bench.sh (which builds cache-server in Release)
#        (the core benchmarks are built with the "bench" CMake preset, in build/bench)
set -euo pipefail
# Parsed whole before it runs (one compound command), so that editing this file while it runs
# cannot derail it.
{
cd "$(dirname "$0")/.."

build_dir=build/bench # the "bench" preset
out=${1:-$build_dir/results.md}
benches=(bench_memory bench_codec bench_redis bench_cluster bench_clear bench_nearcache bench_ratelimit)

scripts/install-deps.sh --bench
scripts/build.sh bench --target "${benches[@]}" >/dev/null

mkdir -p "$(dirname "$out")"
log=${out%.md}.log # everything the programs printed, kept beside the table
: >"$log"
http_md=$(mktemp /tmp/qrc-bench-http.XXXXXX)
trap 'rm -f "$http_md"' EXIT

started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for b in "${benches[@]}"; do
    echo "run-all: $b" >&2
    "$build_dir/bench/$b" 2>&1 | tee -a "$log" | grep -v '^RESULT' >&2 || echo "run-all: $b failed" >&2
done
if [[ "${SKIP_HTTP:-0}" == 0 ]]; then
    echo "run-all: http-bench.sh" >&2
    RESULTS_MD=$http_md bench/http-bench.sh 2>&1 | tee -a "$log" | grep -v '^RESULT' >&2 ||
        echo "run-all: http-bench.sh failed" >&2
fi

{
    echo "# Benchmark results"
    echo
    echo "- Date: $started"
    echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "- Load average before / after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)${QUICK:+ (QUICK=1)}"
    echo
    echo "Every ratio is ours / reference measured in the same run (for durations: reference / ours),"
    echo "so higher is better."
    echo
    echo "| suite | benchmark | ours | unit | reference | reference value | ratio | target | status |"
    echo "|---|---|---:|---|---|---:|---:|---|---|"
    awk -F'\t' '$1 == "RESULT" {
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7, $8, $9, $10
    }' "$log"
    if [[ -s "$http_md" ]]; then
        echo
        echo "HTTP details (wrk -t1 -c64, median of the runs):"
        echo
        cat "$http_md"
    fi
} >"$out"
echo "run-all: wrote $out (full output: $log)" >&2
cat "$out"
exit
}
