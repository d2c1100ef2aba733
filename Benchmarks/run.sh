#!/usr/bin/env bash
# Analysis benchmark: panel + growth + mix + three outlier methods on five metrics at 10k, 100k and 1M
# department-years, one process per size (peak memory is per size). Usage: Benchmarks/run.sh [SIZES…]
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product yusuan-bench >&2
bin="$(swift build -c release --show-bin-path)/yusuan-bench"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
for n in "${sizes[@]}"; do "$bin" analysis "$n"; done
