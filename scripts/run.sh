#!/usr/bin/env bash
# The main job: install what is missing, build yusuan, read every disclosure under datasets/,
# print the figures and write them as JSON to out/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build -c release --product yusuan
bin="$(swift build -c release --show-bin-path)/yusuan"

mkdir -p out
status=0
"$bin" ingest datasets/ || status=$?
# Write atomically: a failed run never leaves a half-written file behind.
tmp="$(mktemp out/.disclosures.json.XXXXXX)"
"$bin" ingest datasets/ --format json > "$tmp" || true
mv -f "$tmp" out/disclosures.json
echo
echo "yusuan: figures as JSON in out/disclosures.json"
exit $status
