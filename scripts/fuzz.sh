#!/usr/bin/env bash
# A long mutation campaign over every reader, outside CI: N mutants per reader (default 100,000), one
# process per reader under /usr/bin/time -v. Prints per reader: mutants, read/refused, the slowest mutant,
# mutants over 10 s, traps (a crashed test process) and peak memory. The test is FuzzTests; CI runs it for
# a few seconds per reader through `swift test`.
#   scripts/fuzz.sh [COUNT] [READER ...]      e.g. scripts/fuzz.sh 100000 docx xlsx
# FUZZ_SECONDS caps the time per reader; FUZZ_CONFIG=debug uses the debug build instead of a release one.
set -uo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"; shift || true
readers=("$@"); [ ${#readers[@]} -eq 0 ] && readers=(text docx xlsx html xls doc)
out="${FUZZ_OUT:-.build/fuzz}"
mkdir -p "$out"
# Release, in a build folder of its own (the tests use @testable, hence -enable-testing).
build=(-c release --build-path .build-fuzz -Xswiftc -enable-testing)
[ "${FUZZ_CONFIG:-release}" = debug ] && build=()
swift build --build-tests "${build[@]}" >/dev/null || exit 1
# The test binary itself, not `swift test`: readers can then run side by side (one per core).
tests="$(swift build "${build[@]}" --show-bin-path)/yusuanPackageTests.xctest"
for r in "${readers[@]}"; do
  log="$out/$r.log"
  YUSUAN_FUZZ_READERS="$r" YUSUAN_FUZZ_COUNT="$count" YUSUAN_FUZZ_SECONDS="${FUZZ_SECONDS:-86400}" \
    /usr/bin/time -v "$tests" --testing-library swift-testing --filter 'FuzzTests' >"$log" 2>&1
  status=$?
  line=$(grep -o "fuzz $r: .*" "$log" | head -1)
  rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  echo "$r: ${line:-no result (the process died: see $log)}; exit $status; peak memory $((${rss:-0} / 1024)) MB"
done
